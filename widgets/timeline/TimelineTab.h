#pragma once
// The events panel: the recorded timeline of the environment, newest first,
// filtered by kind and by text; reloads a chosen range from the history file
// off the GUI thread and takes new events as they are recorded.
#include "history/HistoryEvent.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTreeView;

namespace e2i {

class TimelineFilter;
class TimelineModel;

class TimelineTab : public QWidget
{
    Q_OBJECT
public:
    TimelineTab(QString historyFile, QWidget *parent = nullptr);

    void addEvents(const QList<HistoryEvent> &events);
    void reload();
    TimelineModel *model() const { return m_model; }

Q_SIGNALS:
    void noteRequested();

private:
    void applyFilters();
    void offerKinds(const QStringList &kinds);
    void offerKindsOf(const QList<HistoryEvent> &events);
    void showLoaded(const QList<HistoryEvent> &events, const QString &error);

    QString m_file;
    TimelineModel *m_model = nullptr;
    TimelineFilter *m_proxy = nullptr;
    QTreeView *m_view = nullptr;
    QComboBox *m_range = nullptr;
    QComboBox *m_kind = nullptr;
    QLineEdit *m_filter = nullptr;
    QLabel *m_status = nullptr;
    quint64 m_loadTicket = 0;
};

} // namespace e2i
