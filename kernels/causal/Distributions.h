#pragma once
// Distribution functions the estimators and the sensitivity analysis need for p-values and
// critical values. Student's t goes through the regularised incomplete beta function
// (continued fraction, modified Lentz), which keeps relative accuracy in the far tail where
// statsmodels' p-values live.
namespace e2i::kernels::causal {

// Two-sided 95% critical value of N(0, 1).
constexpr double kNormalCritical95 = 1.959963984540054;

double normalCdf(double x);
double normalQuantile(double p);            // 0 < p < 1
double studentTCdf(double t, double dof);    // dof > 0
double studentTTwoSidedP(double t, double dof);
double studentTQuantile(double p, double dof);

} // namespace e2i::kernels::causal
