#pragma once
// The status bar's permanent part: version, environment, data age, chart window,
// compose file and the history recorder's state; and, when reading the platform's
// files found anything, a badge with one line per diagnostic in its tooltip.
#include <QObject>
#include <QStringList>

class QLabel;
class QStatusBar;

namespace e2i {

class DashboardFooter : public QObject
{
    Q_OBJECT
public:
    DashboardFooter(QString environment, QString composeFile, const QStringList &diagnostics, QStatusBar *bar);

    void update(const QString &dataAge, const QString &chartWindow);
    void setHistoryStatus(const QString &status) { m_historyStatus = status; }

private:
    QString m_environment;
    QString m_composeFile;
    QString m_historyStatus;
    QLabel *m_text;
};

} // namespace e2i
