#include "ProblemsBanner.h"

#include "common/Theme.h"

namespace e2i {

ProblemsBanner::ProblemsBanner(QWidget *parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("problemsBlock"));
    setTextFormat(Qt::RichText);
    setWordWrap(true);
    setMargin(6);
    hide();
}

void ProblemsBanner::setLines(const QStringList &lines)
{
    m_lines = lines;
    setVisible(!m_lines.isEmpty());
    if (m_lines.isEmpty())
        return;
    QStringList escaped;
    for (const QString &line : std::as_const(m_lines))
        escaped << line.toHtmlEscaped();
    const QColor down = Theme::statusColour(HealthStatus::Down);
    setStyleSheet(QStringLiteral("QLabel#problemsBlock { border-left: 6px solid %1; }").arg(down.name()));
    setText(tr("<b>Problems</b> (%1): %2").arg(m_lines.size()).arg(escaped.join(QStringLiteral(" &nbsp;·&nbsp; "))));
}

} // namespace e2i
