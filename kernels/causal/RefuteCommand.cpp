#include "RefuteCommand.h"
#include <cstdio>
namespace e2i::kernels {
int runRefuteCommand(int, char **)
{
    std::fprintf(stderr, "e2i-kernels: 'RefuteCommand' is not built yet\n");
    return 2;
}
}
