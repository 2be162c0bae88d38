#include "RunControls.h"

#include "StatusLine.h"

#include <QBoxLayout>
#include <QProgressBar>
#include <QPushButton>

#include <algorithm>
#include <climits>

namespace e2i {

RunControls::RunControls(Qt::Orientation orientation, QWidget *parent)
    : QWidget(parent)
    , m_cancel(new QPushButton(tr("Cancel")))
    , m_progress(new QProgressBar)
    , m_status(new StatusLine)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    const bool row = orientation == Qt::Horizontal;
    m_buttons = new QBoxLayout(row ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom);
    m_buttons->addWidget(m_cancel);
    if (row)
        m_buttons->addWidget(m_progress, 1);
    layout->addLayout(m_buttons);
    if (!row)
        layout->addWidget(m_progress);
    layout->addWidget(m_status);
    connect(m_cancel, &QPushButton::clicked, this, &RunControls::cancelRequested);
    setRunning(false);
    clearProgress();
}

QPushButton *RunControls::addRunButton(const QString &text)
{
    auto *button = new QPushButton(text);
    m_buttons->insertWidget(m_buttons->indexOf(m_cancel), button);
    button->setEnabled(!m_running);
    connect(this, &RunControls::runningChanged, button, [button](bool running) { button->setEnabled(!running); });
    return button;
}

void RunControls::addButton(QPushButton *button)
{
    // After Cancel, before the progress bar of a row.
    m_buttons->insertWidget(m_buttons->indexOf(m_cancel) + 1, button);
}

void RunControls::setRunning(bool running)
{
    m_running = running;
    m_cancel->setEnabled(running);
    emit runningChanged(running);
}

void RunControls::showBusy()
{
    m_progress->setRange(0, 0);
}

void RunControls::showProgress(std::size_t done, std::size_t total)
{
    m_progress->setRange(0, int(std::min<std::size_t>(total, INT_MAX)));
    m_progress->setValue(int(std::min({done, total, std::size_t(INT_MAX)})));
}

void RunControls::showDone()
{
    m_progress->setRange(0, 1);
    m_progress->setValue(1);
}

void RunControls::clearProgress()
{
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
}

void RunControls::setStatus(const QString &text, bool error)
{
    m_status->setStatus(text, error);
}

QString RunControls::statusText() const
{
    return m_status->text();
}

} // namespace e2i
