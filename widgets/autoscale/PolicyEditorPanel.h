#pragma once
// The editing half of the Autoscale tab: poll_interval_seconds, the tiers' table
// (PolicyEditModel), the problems the validator found in the typed values (marked on
// the field too) and the old -> new diff that an apply would write.
#include "core/Diagnostic.h"
#include "platform/AutoscaleChange.h"

#include <QList>
#include <QWidget>

class QAction;
class QLineEdit;
class QListWidget;
class QTableView;

namespace e2i {

class PolicyEditModel;

class PolicyEditorPanel : public QWidget
{
    Q_OBJECT
public:
    explicit PolicyEditorPanel(PolicyEditModel *model, QWidget *parent = nullptr);

    // After the model was given a new policy: the top-level fields follow it.
    void showLoadedValues();
    void showProblems(const Diagnostics &diagnostics, const QList<AutoscaleEdit> &edits);
    void setEditable(bool editable);

    QLineEdit *pollIntervalEdit() const { return m_pollInterval; }
    QStringList problems() const;
    QStringList diff() const;

private:
    QLayout *buildPollRow();
    QLayout *buildLists();
    void buildTable();
    QHash<QString, QString> listProblems(const Diagnostics &diagnostics);
    void markPollInterval(const QString &problem);

    PolicyEditModel *m_model;
    QLineEdit *m_pollInterval = nullptr;
    QAction *m_pollProblemIcon = nullptr;
    QTableView *m_table = nullptr;
    QListWidget *m_problemList = nullptr;
    QListWidget *m_diffList = nullptr;
};

} // namespace e2i
