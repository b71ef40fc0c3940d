"""Published constants of the Framingham general cardiovascular risk model (project-1).

D'Agostino RB Sr et al., General cardiovascular risk profile for use in primary care: the
Framingham Heart Study. Circulation 2008;117:743-753, Table 2. The stub, the solution and the
graders all read them from here, so there is one copy.
"""

# Sex-specific Cox model of D'Agostino et al. (2008), Table 2: coefficients of ln(age),
# ln(total cholesterol), ln(HDL), ln(SBP) if untreated / if treated, smoking, diabetes; the
# 10-year baseline survival S0(10) and the mean of the linear predictor in the cohort.
COEFFICIENTS: dict[str, dict[str, float]] = {
    "female": {
        "ln_age": 2.32888,
        "ln_total_chol": 1.20904,
        "ln_hdl": -0.70833,
        "ln_sbp_untreated": 2.76157,
        "ln_sbp_treated": 2.82263,
        "smoker": 0.52873,
        "diabetic": 0.69154,
        "baseline_survival": 0.95012,
        "mean_linear_predictor": 26.1931,
    },
    "male": {
        "ln_age": 3.06117,
        "ln_total_chol": 1.12370,
        "ln_hdl": -0.93263,
        "ln_sbp_untreated": 1.93303,
        "ln_sbp_treated": 1.99881,
        "smoker": 0.65451,
        "diabetic": 0.57367,
        "baseline_survival": 0.88936,
        "mean_linear_predictor": 23.9802,
    },
}

# The "normal" risk factors that define heart age: untreated SBP 125 mmHg, total cholesterol
# 180 mg/dL, HDL 45 mg/dL, non-smoker, no diabetes.
NORMAL_SBP = 125.0
NORMAL_TOTAL_CHOL = 180.0
NORMAL_HDL = 45.0

# Ranges the program accepts (inclusive), in years, mg/dL and mmHg.
AGE_RANGE = (30.0, 74.0)
TOTAL_CHOL_RANGE = (100.0, 405.0)
HDL_RANGE = (10.0, 100.0)
SBP_RANGE = (90.0, 200.0)

MGDL_PER_MMOL = 38.67  # cholesterol: 1 mmol/L = 38.67 mg/dL
