"""Synthetic medical images."""

from __future__ import annotations

import numpy as np

FIELD_OF_VIEW_MM = 350.0  # width (and height) of the chest film a synthetic X-ray covers


def synthetic_chest_xray(size: int = 96, nodule: bool = True, seed: int = 0) -> np.ndarray:
    """A synthetic frontal chest radiograph: a (size, size) uint8 array, 0 = black (air), 255 = white (bone).

    Soft tissue (about 190), two dark lung fields (about 55), six bright, gently curved ribs
    crossing each lung (+70), and, if `nodule`, a round nodule 22 mm across (about 150) in the
    right lung (the left half of the image, as radiographs are displayed). One pixel is
    FIELD_OF_VIEW_MM / size millimetres. `seed` moves the nodule a little and draws the noise.
    """
    rng = np.random.default_rng(seed)
    rows, cols = np.mgrid[0:size, 0:size] / size  # 0..1 down and across the film
    image = np.full((size, size), 190.0)  # soft tissue
    lungs = np.zeros((size, size), dtype=bool)
    for centre in (0.3, 0.7):
        lungs |= ((cols - centre) / 0.17) ** 2 + ((rows - 0.52) / 0.36) ** 2 <= 1.0
    image[lungs] = 55.0
    for k in range(6):  # ribs: bands that curve down towards the sides of the chest
        top = 0.22 + 0.11 * k + 0.25 * (cols - 0.5) ** 2
        image[(rows >= top) & (rows < top + 0.035) & lungs] += 70.0
    if nodule:
        mm_per_pixel = FIELD_OF_VIEW_MM / size
        centre_row, centre_col = rng.uniform(0.40, 0.60), rng.uniform(0.24, 0.34)
        radius = 11.0 / mm_per_pixel / size  # 11 mm, as a fraction of the film
        image[(rows - centre_row) ** 2 + (cols - centre_col) ** 2 <= radius**2] = 150.0
    image += rng.normal(0.0, 2.0, size=image.shape)  # quantum noise
    return np.clip(np.rint(image), 0, 255).astype(np.uint8)
