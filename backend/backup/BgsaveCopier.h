#pragma once
// The second way to take a Redis backup, for a server whose data directory the
// console can read (same host, or the volume mounted): BGSAVE, wait until the
// server reports a save that finished after the request, then copy the dump.
//
// Why it is consistent: the copy opens the dump once, and Redis writes every
// new dump to a temporary file that it renames over the old one, so a later
// save cannot change the open file. Why it holds every key written before the
// backup started: BGSAVE is asked only once the server's clock has left the
// second of its last save, and the wait is for a save ending at or after the
// second it was asked; a save already running then (started earlier, so
// possibly missing recent writes) is waited out and a new one asked for.
#include "ReplicationPuller.h"

namespace e2i {

class BgsaveCopier
{
public:
    // `dumpPath`: the server's dump file as the console sees it; empty asks the
    // server (CONFIG GET dir + dbfilename), which is right when it runs on this host.
    // `timeoutMs` bounds the whole wait for the save.
    static PullResult copy(const RedisEndpoint &source, const QString &dumpPath, const QString &outputPath, int timeoutMs,
                           const std::atomic_bool &cancel, const ReplicationPuller::Progress &progress = {});
};

} // namespace e2i
