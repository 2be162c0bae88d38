#pragma once
// The one-line status under an analysis tab's buttons: plain text while things
// go well, an error icon (shape, not only colour) and error colour when not.
#include <QWidget>

class QLabel;

namespace e2i {

class StatusLine : public QWidget
{
    Q_OBJECT
public:
    explicit StatusLine(QWidget *parent = nullptr);

    void setStatus(const QString &text, bool error);
    QString text() const;

protected:
    // A theme switch changes the palette: the text colour is derived from it again.
    void changeEvent(QEvent *event) override;

private:
    void applyColour();

    QLabel *m_icon;
    QLabel *m_text;
    bool m_error = false;
};

} // namespace e2i
