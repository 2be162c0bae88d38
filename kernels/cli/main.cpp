// e2i-kernels: one executable, one subcommand per kernel family.
#include "RefuteCommand.h"
#include "ShapCommand.h"

#include <cstdio>
#include <cstring>

namespace {
struct Command {
    const char *name;
    const char *summary;
    int (*run)(int, char **);
};

constexpr Command kCommands[] = {
    {"shap", "exact TreeSHAP values for an XGBoost JSON model", e2i::kernels::runShapCommand},
    {"refute", "causal effect estimation and DoWhy-style refutation", e2i::kernels::runRefuteCommand},
};

int usage(std::FILE *out)
{
    std::fprintf(out, "usage: e2i-kernels COMMAND [options]   (COMMAND --help for its options)\n\ncommands:\n");
    for (const auto &c : kCommands)
        std::fprintf(out, "  %-8s %s\n", c.name, c.summary);
    return out == stdout ? 0 : 2;
}
} // namespace

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage(stderr);
    if (!std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h"))
        return usage(stdout);
    for (const auto &c : kCommands)
        if (!std::strcmp(argv[1], c.name))
            return c.run(argc - 1, argv + 1);
    std::fprintf(stderr, "e2i-kernels: unknown command '%s'\n", argv[1]);
    return usage(stderr);
}
