// libFuzzer target: any bytes given to YamlReader::readText either read into a tree or
// are refused with an error; a tree never holds more values than the reader's limit,
// and no diagnostic carries a character a terminal would interpret.
#include "config/YamlReader.h"

#include <QList>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

qint64 countNodes(const e2i::YamlNode &node)
{
    qint64 count = 1;
    for (const e2i::YamlNode &item : node.items)
        count += countNodes(item);
    for (const e2i::YamlEntry &entry : node.entries)
        count += countNodes(entry.value);
    return count;
}

bool isPrintable(const QString &text)
{
    const QList<uint> characters = text.toUcs4();
    return std::all_of(characters.begin(), characters.end(), [](uint c) { return QChar::isPrint(char32_t(c)); });
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    e2i::Diagnostics diagnostics;
    const auto root = e2i::YamlReader::readText(text, QStringLiteral("fuzz.yml"), diagnostics);
    if (!root && !e2i::hasErrors(diagnostics))
        std::abort(); // refused without saying why
    if (root && countNodes(*root) > e2i::YamlReader::nodeLimit(text.size()))
        std::abort(); // the expansion bound did not hold
    for (const e2i::Diagnostic &diagnostic : diagnostics) {
        if (!isPrintable(diagnostic.toString()))
            std::abort(); // raw input reached the message
    }
    return 0;
}
