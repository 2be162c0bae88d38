#pragma once
// Conditioning used for SHAP interaction values (Lundberg, Erion & Lee 2018, "Consistent
// individualized feature attribution for tree ensembles", section 4): the conditioned feature
// leaves the set of players and is held always known (+1) or never known (-1). The bias is
// only added unconditioned, as XGBoost's pred_interactions does.
namespace e2i::kernels::shap {

struct ShapCondition {
    int feature = -1;
    int sign = 0; // 0: no conditioning; +1: always known; -1: never known

    bool active() const { return sign != 0; }
};

} // namespace e2i::kernels::shap
