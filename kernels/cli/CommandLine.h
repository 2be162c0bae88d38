#pragma once
// What e2i-kernels' commands share in parsing their command lines with CLI11: the help's
// look, whole-number checks that say which option and what is wrong, and one way of reporting
// a usage error (exit status 2) or printing the help (exit status 0).
#include <CLI/CLI.hpp>

#include <charconv>
#include <string>
#include <string_view>

namespace e2i::kernels::cli {

// Call before adding options. Lower-case "usage:" as the project's other programs print it
// (help2man and the packaging test read that line), the options' descriptions in a column wide
// enough for them, and an option given twice takes its last value, as it always did.
void configureCommandLine(CLI::App &app);

// A check for a whole number in [minimum, maximum]; anything else (text, a sign, overflow) is
// refused as "--option: needs a whole number from MIN to MAX, not 'TEXT'".
template <typename Integer>
CLI::Validator wholeNumberIn(Integer minimum, Integer maximum)
{
    return CLI::Validator(
        [minimum, maximum](std::string &text) -> std::string {
            Integer value{};
            const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
            if (error == std::errc() && end == text.data() + text.size() && value >= minimum && value <= maximum)
                return {};
            return "needs a whole number from " + std::to_string(minimum) + " to " + std::to_string(maximum) + ", not '"
                + text + "'";
        },
        "", "whole number");
}

// Parses argv (argv[0] is the command's name). Returns -1 when the command should run, else the
// exit status: 0 after printing the help on standard output, 2 after printing the error and a
// pointer to the help on standard error.
int parseCommandLine(CLI::App &app, int argc, char **argv);

} // namespace e2i::kernels::cli
