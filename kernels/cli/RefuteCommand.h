#pragma once
namespace e2i::kernels {
// `e2i-kernels refute ...`; argv[0] is "refute". Exit status: 0 done, 1 bad data or a
// failed estimate, 2 bad command line.
int runRefuteCommand(int argc, char **argv);
}
