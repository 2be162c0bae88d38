#pragma once
namespace e2i::kernels {
// `e2i-kernels shap ...`; argv[0] is "shap".
int runShapCommand(int argc, char **argv);
}
