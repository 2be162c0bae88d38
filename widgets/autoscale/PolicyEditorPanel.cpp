#include "PolicyEditorPanel.h"

#include "PolicyEditModel.h"
#include "common/StatusIcon.h"
#include "common/Theme.h"

#include <QAction>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace e2i {
namespace {

const QString kPollKey = QStringLiteral("poll_interval_seconds");
constexpr int kIconSize = 16;
constexpr int kProblemTintAlpha = 60;
constexpr int kListHeight = 100;

QStringList texts(const QListWidget *list)
{
    QStringList lines;
    for (int i = 0; i < list->count(); ++i)
        lines << list->item(i)->text();
    return lines;
}

QGroupBox *boxAround(QListWidget *list, const QString &title, QWidget *parent)
{
    list->setWordWrap(true);
    list->setMaximumHeight(kListHeight);
    auto *box = new QGroupBox(title, parent);
    (new QVBoxLayout(box))->addWidget(list);
    return box;
}

} // namespace

PolicyEditorPanel::PolicyEditorPanel(PolicyEditModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    QLayout *poll = buildPollRow(); // created in focus order: poll interval, table, lists
    buildTable();
    QLayout *lists = buildLists();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(poll);
    layout->addWidget(m_table);
    layout->addLayout(lists);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
}

QLayout *PolicyEditorPanel::buildPollRow()
{
    m_pollInterval = new QLineEdit(this);
    m_pollInterval->setMaximumWidth(120);
    m_pollProblemIcon = m_pollInterval->addAction(QIcon(StatusIcon::pixmap(HealthStatus::Down, kIconSize, devicePixelRatioF())),
                                                  QLineEdit::TrailingPosition);
    m_pollProblemIcon->setVisible(false);
    connect(m_pollInterval, &QLineEdit::textEdited, this,
            [this](const QString &text) { m_model->setTopLevelValue(kPollKey, text); });
    auto *poll = new QHBoxLayout;
    poll->addWidget(new QLabel(tr("%1:").arg(kPollKey), this));
    poll->addWidget(m_pollInterval);
    poll->addWidget(new QLabel(tr("Double-click a value to edit it; edited values are bold."), this), 1);
    return poll;
}

void PolicyEditorPanel::buildTable()
{
    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->setObjectName(QStringLiteral("autoscalePolicyTable"));
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                             | QAbstractItemView::AnyKeyPressed);
    // A handful of tiers: the table is as tall as its rows and the what-if gets the rest.
    m_table->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_table->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

QLayout *PolicyEditorPanel::buildLists()
{
    m_problemList = new QListWidget(this);
    m_diffList = new QListWidget(this);
    auto *lists = new QHBoxLayout;
    lists->addWidget(boxAround(m_problemList, tr("Problems (the platform would reject the whole file)"), this), 1);
    lists->addWidget(boxAround(m_diffList, tr("Changes to write (old → new)"), this), 1);
    return lists;
}

void PolicyEditorPanel::showLoadedValues()
{
    m_pollInterval->setText(m_model->topLevelValue(kPollKey));
}

void PolicyEditorPanel::setEditable(bool editable)
{
    m_table->setEnabled(editable);
    m_pollInterval->setEnabled(editable);
}

void PolicyEditorPanel::showProblems(const Diagnostics &diagnostics, const QList<AutoscaleEdit> &edits)
{
    const QHash<QString, QString> byField = listProblems(diagnostics);
    m_model->setProblems(byField);
    markPollInterval(byField.value(kPollKey));
    m_diffList->clear();
    for (const AutoscaleEdit &edit : edits)
        m_diffList->addItem(edit.describe());
}

// Lists every diagnostic; returns the errors by the table field they belong to.
QHash<QString, QString> PolicyEditorPanel::listProblems(const Diagnostics &diagnostics)
{
    QHash<QString, QString> byField;
    m_problemList->clear();
    for (const Diagnostic &d : diagnostics) {
        const bool error = d.severity == Diagnostic::Severity::Error;
        m_problemList->addItem(new QListWidgetItem(
            QIcon(StatusIcon::pixmap(error ? HealthStatus::Down : HealthStatus::Degraded, kIconSize, devicePixelRatioF())),
            d.toString()));
        const QString field = m_model->fieldFor(d.field);
        if (error && !field.isEmpty())
            byField[field] += (byField.contains(field) ? QStringLiteral("\n") : QString()) + d.message;
    }
    return byField;
}

void PolicyEditorPanel::markPollInterval(const QString &problem)
{
    m_pollProblemIcon->setVisible(!problem.isEmpty());
    m_pollProblemIcon->setToolTip(problem);
    m_pollInterval->setToolTip(problem);
    // Only the base colour is set, so the field keeps following the theme otherwise.
    QPalette palette;
    palette.setResolveMask(0);
    if (!problem.isEmpty()) {
        QColor tint = Theme::statusColour(HealthStatus::Down);
        tint.setAlpha(kProblemTintAlpha);
        palette.setColor(QPalette::Base, tint);
    }
    m_pollInterval->setPalette(palette);
}

QStringList PolicyEditorPanel::problems() const
{
    return texts(m_problemList);
}

QStringList PolicyEditorPanel::diff() const
{
    return texts(m_diffList);
}

} // namespace e2i
