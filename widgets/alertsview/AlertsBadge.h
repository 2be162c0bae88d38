#pragma once
// The header's alert count, so a glance or a screenshot shows whether anything
// needs the operator: "Alerts: 2 firing · 1 pending" on the worst severity's
// colour, or a quiet "Alerts: none". Follows an AlertsModel; a click opens the
// Alerts tab.
#include <QLabel>

namespace e2i {

class AlertsModel;
struct AlertCounts;

class AlertsBadge : public QLabel
{
    Q_OBJECT
public:
    explicit AlertsBadge(AlertsModel *model, QWidget *parent = nullptr);

    // Re-colours for the current theme.
    void refresh();

Q_SIGNALS:
    void clicked();

protected:
    void mousePressEvent(QMouseEvent *event) override;

private:
    QString styleFor(const AlertCounts &counts) const;

    AlertsModel *m_model;
};

} // namespace e2i
