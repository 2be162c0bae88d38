#include "ShapCommand.h"
#include <cstdio>
namespace e2i::kernels {
int runShapCommand(int, char **)
{
    std::fprintf(stderr, "e2i-kernels: 'ShapCommand' is not built yet\n");
    return 2;
}
}
