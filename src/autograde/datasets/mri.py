"""Brain MRI volumes with seeded synthetic tumours, in the layout of the BraTS data used by the
Coursera course (AI for Medical Diagnosis, Week 3).

The anatomy is real: nilearn's bundled MNI152 T1 template (1 mm, the array that
``nilearn.datasets.load_mni152_template(resolution=1).get_fdata()`` returns, read from the
installed package, no download) and its brain mask (template > 0.2, as
``load_mni152_brain_mask``), cropped to the brain and block-averaged to ``voxel_mm``
millimetre voxels: 4 mm by default, a 38 x 47 x 40 volume, so exercises stay fast. Axes are
(x, y, z) = (left to right, back to front, bottom to top): a fixed z is an axial slice, as in
the course.

A case, ``synthetic_brats_case(seed)``, is a skull-stripped multi-modal scan with one glioma:

- ``image``: float32 array (x, y, z, 4), channels ``MODALITIES`` = FLAIR, T1, T1Gd (T1 after
  gadolinium contrast), T2, in arbitrary scanner units (0 to about 1500, like raw BraTS
  intensities); every voxel outside the brain mask is exactly 0.
- ``label``: uint8 array (x, y, z) with the BraTS classes ``LABELS``: 0 background (healthy
  tissue and everything outside the brain), 1 edema, 2 non-enhancing tumour (necrotic core),
  3 enhancing tumour.

The tumour is three nested, randomly rotated, slightly wrinkled ellipsoids clipped to the
brain mask, centred in a cerebral hemisphere: edema (semi-axes 24 to 36 mm), an enhancing rim
(13 to 21 mm) and a necrotic, non-enhancing core (half to 0.7 times the rim's semi-axes): about
70 to 110 cm3 of edema, 9 to 21 cm3 of enhancing and 4 to 7 cm3 of non-enhancing tumour.
Intensities follow the usual appearance: edema bright on FLAIR and T2; the rim bright on T1Gd;
the necrotic core dark on T1 and T1Gd, bright on T2; plus a smooth coil bias field and
Gaussian noise (sd 18). Everything is drawn from ``numpy.random.default_rng(seed)``: the same
seed gives the same case on every machine.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

MODALITIES = ("FLAIR", "T1", "T1Gd", "T2")
LABELS = ("background", "edema", "non-enhancing tumor", "enhancing tumor")
TEMPLATE_FILE = "mni_icbm152_t1_tal_nlin_sym_09a_converted.nii.gz"  # in nilearn/datasets/data/
BRAIN_THRESHOLD = 0.2  # nilearn's load_mni152_brain_mask: template > 0.2


def _load_template_1mm() -> np.ndarray:
    """nilearn's MNI152 template, exactly as ``load_mni152_template(resolution=1).get_fdata()``.

    The file nilearn ships is read with nibabel (a nilearn dependency), as that function does,
    without importing ``nilearn.datasets`` (which pulls in scikit-learn and pandas: about two
    seconds) and without its resampling to 2 mm (we block-average instead, below).
    """
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("nilearn")
    path = Path(spec.submodule_search_locations[0]) / "datasets" / "data" / TEMPLATE_FILE if spec else None
    if path is None or not path.is_file():  # another nilearn layout: the public function, same array
        from nilearn.datasets import load_mni152_template

        return np.asarray(load_mni152_template(resolution=1).get_fdata(), dtype=np.float64)
    import nibabel

    data = np.asarray(nibabel.load(path).dataobj).astype(np.float32)
    data /= data.max()  # nilearn rescales the template to 0..1 (in float32)
    return data.astype(np.float64)


@lru_cache(maxsize=None)
def _brain(voxel_mm: int) -> tuple[np.ndarray, np.ndarray]:
    """The template (0..1) and brain mask cropped to the brain, block-averaged to voxel_mm voxels."""
    if voxel_mm not in (2, 4):
        raise ValueError("voxel_mm must be 2 or 4")
    t1 = _load_template_1mm()
    mask = t1 > BRAIN_THRESHOLD  # nilearn's load_mni152_brain_mask at 1 mm
    inside = np.argwhere(mask)
    low, high = inside.min(axis=0) - 2, inside.max(axis=0) + 3  # a 2 mm margin
    high = high + (-(high - low)) % 4  # a whole number of 4 mm blocks
    t1 = np.pad(t1, 8)[tuple(slice(a + 8, b + 8) for a, b in zip(low, high))]
    mask = np.pad(mask, 8)[tuple(slice(a + 8, b + 8) for a, b in zip(low, high))]
    k = voxel_mm
    nx, ny, nz = (n // k for n in t1.shape)
    blocks = (nx, k, ny, k, nz, k)
    fraction = mask.reshape(blocks).mean(axis=(1, 3, 5))  # share of each block inside the brain
    t1_sum = np.where(mask, t1, 0.0).reshape(blocks).sum(axis=(1, 3, 5))
    mask = fraction > 0.5
    t1 = np.where(mask, t1_sum / (k**3 * np.maximum(fraction, 1e-9)), 0.0)  # mean over the brain voxels
    t1 = np.clip(t1, 0.0, 1.0)
    t1.flags.writeable = False
    mask.flags.writeable = False
    return t1, mask


def mni_brain(voxel_mm: int = 4) -> tuple[np.ndarray, np.ndarray]:
    """The MNI152 T1 template and its brain mask, cropped to the brain, at 2 or 4 mm voxels.

    Returns ``(t1, mask)``: t1 a float64 (x, y, z) array of T1 intensities scaled to 0..1 (white
    matter about 0.85, grey matter about 0.6, CSF below 0.4, 0 outside the brain) and mask a
    bool array of the same shape, True inside the brain. Both are new, writable arrays.
    """
    t1, mask = _brain(voxel_mm)
    return t1.copy(), mask.copy()


def _ellipsoid(coords: np.ndarray, centre: np.ndarray, radii_mm: np.ndarray, rotation: np.ndarray,
               rng: np.random.Generator) -> np.ndarray:
    """Voxels inside a rotated ellipsoid whose surface is gently wrinkled (coords in mm)."""
    p = (coords - centre) @ rotation / radii_mm  # (..., 3) in the ellipsoid's own unit axes
    waves = rng.normal(size=(3, 3))
    phases = rng.uniform(0, 2 * np.pi, size=3)
    wrinkle = sum(np.sin(p @ waves[i] * 1.5 + phases[i]) for i in range(3)) / 3
    return np.sum(p**2, axis=-1) <= (1.0 + 0.15 * wrinkle) ** 2


@lru_cache(maxsize=64)
def _case(seed: int, voxel_mm: int) -> tuple[np.ndarray, np.ndarray]:
    t1, mask = _brain(voxel_mm)
    rng = np.random.default_rng(seed)
    shape = t1.shape
    coords = np.stack(np.meshgrid(*(np.arange(n) * float(voxel_mm) for n in shape), indexing="ij"), axis=-1)

    # the tumour sits in a cerebral hemisphere, well inside the brain
    depth = max(1, round(14 / voxel_mm))
    padded = np.pad(mask, depth)
    deep = padded.copy()
    for axis in range(3):  # erode by `depth` voxels along each axis
        for shift in range(1, depth + 1):
            for sign in (1, -1):
                deep &= np.roll(padded, sign * shift, axis=axis)
    deep = deep[(slice(depth, -depth),) * 3]
    deep[:, :, : int(0.4 * shape[2])] = False  # above the cerebellum
    deep[shape[0] // 2 - 1 : shape[0] // 2 + 2] = False  # not on the midline
    candidates = np.argwhere(deep)
    centre = coords[tuple(candidates[rng.integers(len(candidates))])]
    rotation, _ = np.linalg.qr(rng.normal(size=(3, 3)))

    edema_radii = rng.uniform(24.0, 36.0, size=3)
    rim_radii = rng.uniform(13.0, 21.0, size=3)
    core_radii = rim_radii * rng.uniform(0.5, 0.7, size=3)
    core_centre = centre + rng.normal(0.0, 1.5, size=3)
    label = np.zeros(shape, dtype=np.uint8)
    label[_ellipsoid(coords, centre, edema_radii, rotation, rng) & mask] = 1
    label[_ellipsoid(coords, centre, rim_radii, rotation, rng) & mask] = 3
    label[_ellipsoid(coords, core_centre, core_radii, rotation, rng) & mask] = 2

    # healthy tissue contrasts from the T1 template (1 = white matter, 0 = CSF)
    csf = np.clip((0.45 - t1) / 0.3, 0.0, 1.0)
    healthy = {
        "FLAIR": 1000.0 * (0.75 - 0.3 * t1) * (1.0 - 0.8 * csf),
        "T1": 1000.0 * t1,
        "T1Gd": 1030.0 * t1,
        "T2": 1000.0 * (1.2 - t1),
    }
    tumour = {  # (edema: multiply healthy by, add), necrotic core value, enhancing rim value
        "FLAIR": ((1.0, 550.0), 650.0, 900.0),
        "T1": ((0.8, 0.0), 250.0, 480.0),
        "T1Gd": ((0.8, 0.0), 300.0, 1400.0),
        "T2": ((1.0, 450.0), 1150.0, 800.0),
    }
    bias = 1.0 + 0.08 * (coords[..., 0] / coords[..., 0].max() - 0.5) + 0.05 * (coords[..., 2] / coords[..., 2].max() - 0.5)
    image = np.zeros(shape + (len(MODALITIES),), dtype=np.float32)
    for c, name in enumerate(MODALITIES):
        channel = healthy[name].copy()
        (scale, add), core, rim = tumour[name]
        channel[label == 1] = channel[label == 1] * scale + add
        channel[label == 2] = core
        channel[label == 3] = rim
        channel = channel * bias + rng.normal(0.0, 18.0, size=shape)  # coil bias field and noise
        image[..., c] = np.where(mask, np.clip(channel, 1.0, None), 0.0)
    image.flags.writeable = False
    label.flags.writeable = False
    return image, label


def synthetic_brats_case(seed: int = 0, voxel_mm: int = 4) -> tuple[np.ndarray, np.ndarray]:
    """One synthetic glioma case: ``(image, label)`` as described in the module docstring.

    image: float32 (x, y, z, 4) with channels FLAIR, T1, T1Gd, T2 (0 outside the brain);
    label: uint8 (x, y, z) with classes 0 background, 1 edema, 2 non-enhancing tumour,
    3 enhancing tumour. At 4 mm (default) the shape is (38, 47, 40); at 2 mm (76, 94, 80).
    Both are new, writable arrays (cases are cached, so repeated calls are fast).
    """
    image, label = _case(int(seed), int(voxel_mm))
    return image.copy(), label.copy()
