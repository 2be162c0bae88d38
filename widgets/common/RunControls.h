#pragma once
// The run controls of a tab that runs one long job at a time: its run buttons ("Run
// locally", "Run on platform"), Cancel, a progress bar and the one-line status. While a
// run is on, the run buttons are disabled and Cancel is enabled; runningChanged() lets
// the tab disable what else must wait (Export). The tab owns the work itself, usually a
// BackgroundJob; these controls only show it.
#include <QWidget>

#include <cstddef>

class QBoxLayout;
class QProgressBar;
class QPushButton;

namespace e2i {

class StatusLine;

class RunControls : public QWidget
{
    Q_OBJECT
public:
    // Vertical: buttons stacked above the progress bar (a narrow side panel); horizontal:
    // buttons in a row with the progress bar stretching beside them.
    explicit RunControls(Qt::Orientation orientation, QWidget *parent = nullptr);

    // A run button, before Cancel; disabled while a run is on.
    QPushButton *addRunButton(const QString &text);
    // Another button of the row (Open, Export), after Cancel; the tab decides its state.
    void addButton(QPushButton *button);

    void setRunning(bool running);
    bool isRunning() const { return m_running; }
    // Busy with no count yet (loading, waiting in a queue).
    void showBusy();
    void showProgress(std::size_t done, std::size_t total);
    void showDone();
    void clearProgress();
    void setStatus(const QString &text, bool error);
    QString statusText() const;
    QPushButton *cancelButton() const { return m_cancel; }

signals:
    void cancelRequested();
    void runningChanged(bool running);

private:
    QBoxLayout *m_buttons;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    StatusLine *m_status;
    bool m_running = false;
};

} // namespace e2i
