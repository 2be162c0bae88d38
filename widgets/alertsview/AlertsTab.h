#pragma once
// The Alerts tab: what the alert rules say now (AlertsModel), with the way to
// the subject on the dashboard (double-click, Enter or "Show subject"), to
// silence an alert ("Silence…", also in the context menu) and to turn desktop
// notifications off. It paints and asks; the window and the history session
// write the silence.
#include "alerts/AlertSilence.h"
#include "alerts/AlertState.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QPushButton;
class QTimer;
class QTreeView;

namespace e2i {

class AlertsModel;

class AlertsTab : public QWidget
{
    Q_OBJECT
public:
    explicit AlertsTab(QWidget *parent = nullptr);

    AlertsModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    // The alerts the evaluator holds now (HistorySession::alertsChanged).
    void setAlerts(const QList<AlertState> &alerts);
    // Alerts and silences read from the history file, before any evaluation.
    void seed(const QList<AlertState> &alerts, const QList<AlertSilence> &silences);
    // Asks for a silence of the selected alert (the dialog), then silenceRequested().
    void silenceSelected();

Q_SIGNALS:
    void subjectRequested(const QString &subject);
    void silenceRequested(const e2i::AlertSilence &silence);
    void notificationsToggled(bool enabled);

private:
    QWidget *buildButtons();
    const AlertState *selected() const;
    void showSelectedSubject();
    void showContextMenu(const QPoint &at);
    void updateState();
    void fitColumns();

    AlertsModel *m_model;
    QTreeView *m_view;
    QLabel *m_summary = nullptr;
    QPushButton *m_silence = nullptr;
    QPushButton *m_show = nullptr;
    QCheckBox *m_notifications = nullptr;
    QTimer *m_clock;
};

} // namespace e2i
