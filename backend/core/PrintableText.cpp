#include "PrintableText.h"

#include <QList>

#include <algorithm>

namespace e2i {

namespace {

bool isPrintable(char32_t character)
{
    return QChar::isPrint(character);
}

QString escaped(char32_t character)
{
    const QString hex = QString::number(uint(character), 16).toUpper();
    if (character < 0x100)
        return QStringLiteral("\\x") + hex.rightJustified(2, u'0');
    return QStringLiteral("\\u{") + hex + u'}';
}

} // namespace

QString printableText(const QString &text)
{
    const QList<uint> characters = text.toUcs4();
    if (std::all_of(characters.begin(), characters.end(), [](uint c) { return isPrintable(char32_t(c)); }))
        return text;
    QString result;
    result.reserve(text.size() + 8);
    for (const uint c : characters) {
        if (isPrintable(char32_t(c))) {
            const char32_t one[] = {char32_t(c)};
            result += QString::fromUcs4(one, 1);
        } else {
            result += escaped(char32_t(c));
        }
    }
    return result;
}

QString printableExcerpt(const QString &text, qsizetype maxCharacters)
{
    if (text.size() <= maxCharacters)
        return printableText(text);
    // Never cut between the two halves of a surrogate pair.
    const qsizetype cut = text.at(maxCharacters - 1).isHighSurrogate() ? maxCharacters - 1 : maxCharacters;
    return printableText(text.left(cut)) + QStringLiteral("...");
}

} // namespace e2i
