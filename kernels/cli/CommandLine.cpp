#include "CommandLine.h"

#include <cstdio>
#include <memory>

namespace e2i::kernels::cli {

void configureCommandLine(CLI::App &app)
{
    auto formatter = std::make_shared<CLI::Formatter>();
    formatter->label("Usage", "usage");
    formatter->column_width(30);
    app.formatter(formatter);
    app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
}

int parseCommandLine(CLI::App &app, int argc, char **argv)
{
    try {
        app.parse(argc, argv);
        return -1;
    } catch (const CLI::CallForHelp &) {
        std::fputs(app.help().c_str(), stdout);
        return 0;
    } catch (const CLI::ParseError &error) {
        std::fprintf(stderr, "%s: %s\n(%s --help lists the options)\n", app.get_name().c_str(), error.what(),
                     app.get_name().c_str());
        return 2;
    }
}

} // namespace e2i::kernels::cli
