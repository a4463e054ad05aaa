/* --profile: where the guest's time goes, by guest function.
 *
 * A host thread samples every millisecond the block each guest thread is
 * running (cpu->cur_tb, for threads inside guest code); at exit the samples
 * are grouped by the function holding them (core/symbols.h) and the
 * hottest are printed with their share.  A thread rather than a signal
 * timer: every host signal 1-64 is carried for the guest (a SIGPROF timer
 * would meet the guest's own handlers and masks, and cut its sleeps short
 * with EINTR). */
#ifndef FERRY_PROFILE_H
#define FERRY_PROFILE_H

/* Starts sampling (opt.profile). */
void profile_start(void);
/* Prints the profile to the trace log; called once as the process ends. */
void profile_report(void);

#endif
