// e2i-kernels: one executable, one subcommand per kernel family. CLI11 picks the command;
// each command parses its own options (ShapCommand, RefuteCommand).
#include "CommandLine.h"
#include "RefuteCommand.h"
#include "ShapCommand.h"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

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

// The command's name and everything after it, as the command's own argv.
int runCommand(const Command &command, const CLI::App &sub)
{
    std::vector<std::string> arguments{command.name};
    for (const std::string &a : sub.remaining())
        arguments.push_back(a);
    std::vector<char *> argv;
    for (std::string &a : arguments)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    return command.run(static_cast<int>(arguments.size()), argv.data());
}
} // namespace

int main(int argc, char **argv)
{
    CLI::App app("", "e2i-kernels");
    e2i::kernels::cli::configureCommandLine(app);
    app.footer("COMMAND --help lists a command's options.");
    app.require_subcommand(1);
    std::vector<CLI::App *> subcommands;
    for (const Command &c : kCommands) {
        CLI::App *sub = app.add_subcommand(c.name, c.summary);
        // The command parses what follows its name, its --help included.
        sub->prefix_command();
        sub->set_help_flag();
        subcommands.push_back(sub);
    }
    // CLI11 would only say that a command is required.
    if (argc > 1 && argv[1][0] != '-' && std::none_of(std::begin(kCommands), std::end(kCommands), [&](const Command &c) {
            return argv[1] == std::string_view(c.name);
        })) {
        std::fprintf(stderr, "e2i-kernels: unknown command '%s' (shap, refute)\n(e2i-kernels --help lists the commands)\n",
                     argv[1]);
        return 2;
    }
    if (const int status = e2i::kernels::cli::parseCommandLine(app, argc, argv); status >= 0)
        return status;
    for (std::size_t i = 0; i < subcommands.size(); ++i)
        if (subcommands[i]->parsed())
            return runCommand(kCommands[i], *subcommands[i]);
    return 2; // require_subcommand(1): not reached
}
