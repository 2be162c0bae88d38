#pragma once
// One node of an XgbTree as the TreeSHAP walk reads it: everything a visit needs in one
// 32-byte record (half a cache line), instead of a load from each of seven arrays.
#include <cstdint>

namespace e2i::kernels::shap {

struct FlatNode {
    std::int32_t left = -1; // -1 on a leaf
    std::int32_t right = -1;
    std::uint32_t feature : 28 = 0; // the loader caps num_feature at 10^6
    std::uint32_t defaultLeft : 1 = 0;
    std::uint32_t categorical : 1 = 0;
    // The left (right) child's subtree splits on `feature` again: only then does the walk keep
    // a shadow for the edge (what those splits credit, TreeShapFast).
    std::uint32_t leftRepeats : 1 = 0;
    std::uint32_t rightRepeats : 1 = 0;
    float threshold = 0.0f;
    union {
        double leftShare = 1.0; // a split: cover(left) / cover(node)
        double value;           // a leaf: its value
    };
    double rightShare = 1.0; // a split: cover(right) / cover(node)

    bool isLeaf() const { return left < 0; }
};

static_assert(sizeof(FlatNode) == 32);

} // namespace e2i::kernels::shap
