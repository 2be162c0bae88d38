#pragma once
// The block under the header that opens every snapshot when something needs
// attention: the problems in clock times, readable without the tables. Hidden
// while there are none.
#include <QLabel>
#include <QStringList>

namespace e2i {

class ProblemsBanner : public QLabel
{
    Q_OBJECT
public:
    explicit ProblemsBanner(QWidget *parent = nullptr);

    void setLines(const QStringList &lines);
    QStringList lines() const { return m_lines; }

private:
    QStringList m_lines;
};

} // namespace e2i
