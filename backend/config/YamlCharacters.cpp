#include "YamlCharacters.h"

namespace e2i {

namespace {

QString hexByte(unsigned char byte)
{
    return QStringLiteral("\\x") + QString::number(byte, 16).toUpper().rightJustified(2, u'0');
}

QString codePoint(char32_t character)
{
    return QStringLiteral("U+") + QString::number(uint(character), 16).toUpper().rightJustified(4, u'0');
}

struct LeadByte {
    int length = 0;       // bytes in the sequence, 0 when the byte cannot start one
    char32_t minimum = 0; // the smallest code point that needs this length (no overlong forms)
    char32_t bits = 0;    // the code point bits the lead byte carries
};

LeadByte leadByte(unsigned char lead)
{
    if (lead < 0x80)
        return {1, 0, lead};
    if ((lead & 0xE0) == 0xC0)
        return {2, 0x80, char32_t(lead & 0x1F)};
    if ((lead & 0xF0) == 0xE0)
        return {3, 0x800, char32_t(lead & 0x0F)};
    if ((lead & 0xF8) == 0xF0)
        return {4, 0x10000, char32_t(lead & 0x07)};
    return {};
}

// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
// Returns the length of the sequence at `at` and stores its code point, or 0.
int decodeUtf8(const QByteArray &text, qsizetype at, char32_t &character)
{
    const auto byte = [&](qsizetype i) { return static_cast<unsigned char>(text.at(i)); };
    const LeadByte lead = leadByte(byte(at));
    if (lead.length == 0 || at + lead.length > text.size())
        return 0;
    character = lead.bits;
    for (int i = 1; i < lead.length; ++i) {
        if ((byte(at + i) & 0xC0) != 0x80)
            return 0;
        character = (character << 6) | (byte(at + i) & 0x3F);
    }
    const bool surrogate = character >= 0xD800 && character <= 0xDFFF;
    if (character < lead.minimum || surrogate || character > 0x10FFFF)
        return 0;
    return lead.length;
}

} // namespace

bool YamlCharacters::isAllowed(char32_t c)
{
    return c == 0x09 || c == 0x0A || c == 0x0D || (c >= 0x20 && c <= 0x7E) || c == 0x85
        || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

std::optional<YamlCharacterProblem> YamlCharacters::firstProblem(const QByteArray &text)
{
    int line = 1;
    int column = 1;
    for (qsizetype at = 0; at < text.size();) {
        char32_t character = 0;
        const int length = decodeUtf8(text, at, character);
        if (length == 0)
            return YamlCharacterProblem{line, column, QStringLiteral("invalid UTF-8 (byte %1); YAML files must be UTF-8")
                                                          .arg(hexByte(static_cast<unsigned char>(text.at(at))))};
        if (!isAllowed(character))
            return YamlCharacterProblem{line, column, QStringLiteral("character %1 is not allowed in YAML (write it as an escape inside double quotes)")
                                                          .arg(codePoint(character))};
        at += length;
        if (character == u'\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return std::nullopt;
}

} // namespace e2i
