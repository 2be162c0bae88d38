#pragma once
namespace e2i::kernels {
// `e2i-kernels refute ...`; argv[0] is "refute".
int runRefuteCommand(int argc, char **argv);
}
