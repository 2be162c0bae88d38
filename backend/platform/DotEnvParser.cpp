#include "DotEnvParser.h"

#include "ComposeInterpolator.h"

#include <QFile>

namespace e2i {

namespace {

bool isKeyChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'.' || c == u'-';
}

class DotEnvText {
public:
    DotEnvText(const QString &text, const QString &file, const QHash<QString, QString> &environment,
               Diagnostics &diagnostics)
        : m_text(text), m_file(file), m_environment(environment), m_diagnostics(diagnostics)
    {
    }

    QHash<QString, QString> run()
    {
        while (m_pos < m_text.size())
            readLine();
        return m_values;
    }

private:
    void readLine()
    {
        skipBlanks();
        if (atLineEnd() || peek() == u'#')
            return skipLine();
        if (m_text.mid(m_pos, 7) == QStringLiteral("export ")) {
            m_pos += 7;
            skipBlanks();
        }
        const int line = m_line;
        const QString key = readKey();
        skipBlanks();
        if (key.isEmpty()) {
            fail(line, QString(), QStringLiteral("expected KEY=VALUE"));
            return skipLine();
        }
        if (atLineEnd() || peek() == u'#') {
            // A bare KEY passes the variable through from the environment.
            if (m_environment.contains(key))
                m_values.insert(key, m_environment.value(key));
            return skipLine();
        }
        if (peek() != u'=') {
            fail(line, key, QStringLiteral("expected '=' after %1").arg(key));
            return skipLine();
        }
        ++m_pos;
        skipBlanks();
        if (const auto value = readValue(line, key))
            m_values.insert(key, *value);
        skipLine();
    }

    QString readKey()
    {
        const qsizetype start = m_pos;
        while (m_pos < m_text.size() && isKeyChar(peek()))
            ++m_pos;
        return m_text.mid(start, m_pos - start);
    }

    std::optional<QString> readValue(int line, const QString &key)
    {
        if (atLineEnd()) // `KEY=` as the file's last line: an empty value, nothing to peek at
            return QString();
        if (peek() == u'\'')
            return quoted(u'\'', line, key);
        if (peek() == u'"') {
            const auto raw = quoted(u'"', line, key);
            return raw ? interpolate(unescape(*raw), line, key) : std::nullopt;
        }
        const qsizetype start = m_pos;
        while (!atLineEnd() && !(peek() == u'#' && m_pos > start && m_text.at(m_pos - 1).isSpace()))
            ++m_pos;
        return interpolate(m_text.mid(start, m_pos - start).trimmed(), line, key);
    }

    // The text between the quotes, which may span lines.
    std::optional<QString> quoted(QChar quote, int line, const QString &key)
    {
        const qsizetype start = ++m_pos;
        while (m_pos < m_text.size() && peek() != quote) {
            if (quote == u'"' && peek() == u'\\')
                ++m_pos;
            if (m_pos < m_text.size() && peek() == u'\n')
                ++m_line;
            ++m_pos;
        }
        if (m_pos >= m_text.size()) {
            fail(line, key, QStringLiteral("unterminated %1 quote").arg(quote));
            return std::nullopt;
        }
        return m_text.mid(start, m_pos++ - start);
    }

    static QString unescape(const QString &raw)
    {
        QString out;
        for (qsizetype i = 0; i < raw.size(); ++i) {
            if (raw.at(i) != u'\\' || i + 1 == raw.size()) {
                out += raw.at(i);
                continue;
            }
            const QChar next = raw.at(++i);
            out += next == u'n' ? QChar(u'\n') : next == u't' ? QChar(u'\t') : next == u'r' ? QChar(u'\r') : next;
        }
        return out;
    }

    std::optional<QString> interpolate(const QString &value, int line, const QString &key)
    {
        QHash<QString, QString> lookup = m_values;
        lookup.insert(m_environment); // the shell wins, as in Compose
        const auto result = ComposeInterpolator::interpolate(value, lookup);
        if (!result.error.isEmpty()) {
            fail(line, key, result.error);
            return std::nullopt;
        }
        return result.text;
    }

    void fail(int line, const QString &key, const QString &message)
    {
        m_diagnostics.append({Diagnostic::Severity::Error, m_file, line, 0, key, message});
    }

    QChar peek() const { return m_text.at(m_pos); }
    bool atLineEnd() const { return m_pos >= m_text.size() || peek() == u'\n' || peek() == u'\r'; }

    void skipBlanks()
    {
        while (m_pos < m_text.size() && (peek() == u' ' || peek() == u'\t'))
            ++m_pos;
    }

    void skipLine()
    {
        while (m_pos < m_text.size() && peek() != u'\n')
            ++m_pos;
        if (m_pos < m_text.size()) {
            ++m_pos;
            ++m_line;
        }
    }

    const QString &m_text;
    const QString &m_file;
    const QHash<QString, QString> &m_environment;
    Diagnostics &m_diagnostics;
    QHash<QString, QString> m_values;
    qsizetype m_pos = 0;
    int m_line = 1;
};

} // namespace

QHash<QString, QString> DotEnvParser::parse(const QString &text, const QString &file,
                                            const QHash<QString, QString> &environment, Diagnostics &diagnostics)
{
    return DotEnvText(text, file, environment, diagnostics).run();
}

QHash<QString, QString> DotEnvParser::read(const QString &file, const QHash<QString, QString> &environment,
                                           Diagnostics &diagnostics)
{
    QFile input(file);
    if (!input.open(QIODevice::ReadOnly)) {
        diagnostics.append({Diagnostic::Severity::Error, file, 0, 0, QString(),
                            QStringLiteral("cannot read env file: %1").arg(input.errorString())});
        return {};
    }
    return parse(QString::fromUtf8(input.readAll()), file, environment, diagnostics);
}

} // namespace e2i
