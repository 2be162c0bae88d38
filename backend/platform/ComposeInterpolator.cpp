#include "ComposeInterpolator.h"

namespace e2i {

namespace {

bool isNameStart(QChar c)
{
    return c.isLetter() || c == u'_';
}

bool isNameChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_';
}

class Interpolation {
public:
    Interpolation(const QString &text, const QHash<QString, QString> &environment)
        : m_text(text), m_environment(environment)
    {
    }

    ComposeInterpolator::Result run()
    {
        qsizetype i = 0;
        while (i < m_text.size() && m_result.error.isEmpty()) {
            const QChar c = m_text.at(i);
            const QChar next = i + 1 < m_text.size() ? m_text.at(i + 1) : QChar();
            if (c != u'$') {
                m_result.text += c;
                ++i;
            } else if (next == u'$') {
                m_result.text += u'$';
                i += 2;
            } else if (next == u'{') {
                i = braced(i + 2);
            } else if (isNameStart(next)) {
                i = bare(i + 1);
            } else {
                // A lone '$' that starts nothing stays as written.
                m_result.text += c;
                ++i;
            }
        }
        return m_result;
    }

private:
    qsizetype bare(qsizetype start)
    {
        qsizetype end = start;
        while (end < m_text.size() && isNameChar(m_text.at(end)))
            ++end;
        substitute(m_text.mid(start, end - start));
        return end;
    }

    qsizetype braced(qsizetype start)
    {
        const qsizetype close = m_text.indexOf(u'}', start);
        if (close < 0) {
            m_result.error = QStringLiteral("unterminated ${ in '%1'").arg(m_text);
            return m_text.size();
        }
        const QString expression = m_text.mid(start, close - start);
        qsizetype nameEnd = 0;
        while (nameEnd < expression.size() && isNameChar(expression.at(nameEnd)))
            ++nameEnd;
        const QString name = expression.left(nameEnd);
        if (name.isEmpty() || !isNameStart(name.at(0))) {
            m_result.error = QStringLiteral("invalid interpolation '${%1}'").arg(expression);
            return close + 1;
        }
        applyModifier(name, expression.mid(nameEnd), expression);
        return close + 1;
    }

    void applyModifier(const QString &name, const QString &modifier, const QString &expression)
    {
        const bool isSet = m_environment.contains(name);
        const bool isSetAndNonEmpty = isSet && !m_environment.value(name).isEmpty();
        if (modifier.isEmpty()) {
            substitute(name);
        } else if (modifier.startsWith(QStringLiteral(":-"))) {
            m_result.text += isSetAndNonEmpty ? m_environment.value(name) : modifier.mid(2);
        } else if (modifier.startsWith(u'-')) {
            m_result.text += isSet ? m_environment.value(name) : modifier.mid(1);
        } else if (modifier.startsWith(QStringLiteral(":?"))) {
            require(name, isSetAndNonEmpty, modifier.mid(2));
        } else if (modifier.startsWith(u'?')) {
            require(name, isSet, modifier.mid(1));
        } else {
            m_result.error = QStringLiteral("invalid interpolation '${%1}'").arg(expression);
        }
    }

    void require(const QString &name, bool present, const QString &message)
    {
        if (present) {
            m_result.text += m_environment.value(name);
            return;
        }
        m_result.error = message.isEmpty() ? QStringLiteral("required variable %1 is not set").arg(name)
                                           : QStringLiteral("required variable %1 is not set: %2").arg(name, message);
    }

    void substitute(const QString &name)
    {
        if (!m_environment.contains(name))
            m_result.unsetVariables.append(name);
        m_result.text += m_environment.value(name);
    }

    const QString &m_text;
    const QHash<QString, QString> &m_environment;
    ComposeInterpolator::Result m_result;
};

} // namespace

ComposeInterpolator::Result ComposeInterpolator::interpolate(const QString &text,
                                                             const QHash<QString, QString> &environment)
{
    return Interpolation(text, environment).run();
}

} // namespace e2i
