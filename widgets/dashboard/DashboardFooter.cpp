#include "DashboardFooter.h"

#include <QLabel>
#include <QStatusBar>

namespace e2i {

DashboardFooter::DashboardFooter(QString environment, QString composeFile, const QStringList &diagnostics,
                                 QStatusBar *bar)
    : QObject(bar)
    , m_environment(std::move(environment))
    , m_composeFile(std::move(composeFile))
    , m_text(new QLabel(bar))
{
    bar->addPermanentWidget(m_text, 1);
    if (diagnostics.isEmpty())
        return;
    // What reading the compose, autoscale and console files found: one line
    // each, in a tooltip, so the window says its data may be partial.
    auto *badge = new QLabel(tr("⚠ %n file diagnostic(s)", nullptr, int(diagnostics.size())), bar);
    badge->setObjectName(QStringLiteral("diagnosticsBadge"));
    badge->setToolTip(diagnostics.join(u'\n'));
    bar->addPermanentWidget(badge);
}

void DashboardFooter::update(const QString &dataAge, const QString &chartWindow)
{
    QString text = tr("E2I Ops Console %1  ·  environment %2  ·  %3  ·  charts: %4  ·  compose %5")
                       .arg(QStringLiteral(E2I_VERSION), m_environment, dataAge, chartWindow, m_composeFile);
    if (!m_historyStatus.isEmpty())
        text += QStringLiteral("  ·  history: ") + m_historyStatus;
    m_text->setText(text);
}

} // namespace e2i
