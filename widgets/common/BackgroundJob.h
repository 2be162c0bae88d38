#pragma once
// One kind of background work a widget runs (hotspot's jobtracker pattern): run()
// starts the work on the thread pool with a JobHandle; the handle says whether the
// job was cancelled (the predicate the kernels poll) and posts to the GUI thread
// through a QPointer, so nothing arrives at a widget that is gone. A newer run(),
// cancel() or the job's destruction makes every later post of the older run drop.
//
// The BackgroundJob must live in the receiver (a member, or owned by it): a post
// touches it only after the QPointer said the receiver is still there.
#include "GuiPost.h"
#include "JobTracker.h"

#include <QPointer>
#include <QThreadPool>

#include <functional>
#include <utility>

namespace e2i {

template<typename Receiver>
class JobHandle
{
public:
    JobHandle(Receiver *receiver, JobTracker *tracker, JobTracker::Ticket ticket)
        : m_receiver(receiver)
        , m_tracker(tracker)
        , m_ticket(std::move(ticket))
    {
    }

    bool cancelled() const { return m_ticket.cancelRequested->load(); }
    std::function<bool()> cancelledPredicate() const
    {
        return [flag = m_ticket.cancelRequested] { return flag->load(); };
    }

    // News on the way (progress): `function(receiver)` on the GUI thread while this run is current.
    template<typename Function>
    void post(Function function) const
    {
        postToGui(m_receiver, [tracker = m_tracker, id = m_ticket.id, function = std::move(function)](Receiver &receiver) mutable {
            if (tracker->isCurrent(id))
                function(receiver);
        });
    }

    // The outcome: ends the run and calls `function(receiver)` on the GUI thread, if
    // this run is still current.
    template<typename Function>
    void finish(Function function) const
    {
        postToGui(m_receiver, [tracker = m_tracker, id = m_ticket.id, function = std::move(function)](Receiver &receiver) mutable {
            if (!tracker->isCurrent(id))
                return;
            tracker->finish(id);
            function(receiver);
        });
    }

    // Whether or not the run is still current (a worker has returned, say).
    template<typename Function>
    void always(Function function) const
    {
        postToGui(m_receiver, std::move(function));
    }

private:
    QPointer<Receiver> m_receiver;
    JobTracker *m_tracker;
    JobTracker::Ticket m_ticket;
};

class BackgroundJob
{
public:
    // Runs `work(const JobHandle<Receiver> &)` on the thread pool.
    template<typename Receiver, typename Work>
    void run(Receiver *receiver, Work work)
    {
        JobHandle<Receiver> handle(receiver, &m_tracker, m_tracker.start());
        QThreadPool::globalInstance()->start([handle = std::move(handle), work = std::move(work)]() mutable { work(handle); });
    }

    void cancel() { m_tracker.cancel(); }
    bool isActive() const { return m_tracker.isActive(); }

private:
    JobTracker m_tracker;
};

} // namespace e2i
