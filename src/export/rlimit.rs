//! The operating system's limits on the process that renders a user's template (see
//! [`super::sandbox`]): its address space and CPU time, with `setrlimit`.

pub(super) use imp::{apply, out_of_time};

#[cfg(unix)]
mod imp {
    use std::os::unix::process::{CommandExt, ExitStatusExt};
    use std::process::{Command, ExitStatus};

    /// `resource` at `value`, or at the hard limit the parent already has when that is lower
    /// (raising it would fail).
    macro_rules! within_hard {
        ($resource:expr, $value:expr) => {{
            let mut now = libc::rlimit {
                rlim_cur: 0,
                rlim_max: 0,
            };
            // SAFETY: getrlimit writes the struct it is given and nothing else.
            if unsafe { libc::getrlimit($resource, &mut now) } != 0 {
                return Err(std::io::Error::last_os_error());
            }
            let value = libc::rlim_t::try_from($value).unwrap_or(libc::RLIM_INFINITY);
            if now.rlim_max == libc::RLIM_INFINITY {
                value
            } else {
                value.min(now.rlim_max)
            }
        }};
    }

    macro_rules! set {
        ($resource:expr, $soft:expr, $hard:expr) => {{
            let limit = libc::rlimit {
                rlim_cur: $soft,
                rlim_max: $hard,
            };
            // SAFETY: setrlimit reads the struct it is given; it is async-signal-safe.
            if unsafe { libc::setrlimit($resource, &limit) } != 0 {
                return Err(std::io::Error::last_os_error());
            }
        }};
    }

    /// Limits the address space of the process `command` starts to `memory` bytes and its CPU
    /// time to `seconds` (SIGXCPU, then SIGKILL a second later), with no core file.
    pub(in crate::export) fn apply(
        command: &mut Command,
        memory: u64,
        seconds: u64,
    ) -> std::io::Result<()> {
        let kill = within_hard!(libc::RLIMIT_CPU, seconds.saturating_add(1));
        let memory = within_hard!(libc::RLIMIT_AS, memory);
        let seconds = within_hard!(libc::RLIMIT_CPU, seconds);
        let pre_exec = move || {
            set!(libc::RLIMIT_AS, memory, memory);
            set!(libc::RLIMIT_CPU, seconds, kill);
            set!(libc::RLIMIT_CORE, 0, 0);
            Ok(())
        };
        // SAFETY: the closure runs in the child between fork and exec; it only calls setrlimit
        // and allocates nothing.
        unsafe { command.pre_exec(pre_exec) };
        Ok(())
    }

    /// Whether the child was stopped by its CPU limit.
    pub(in crate::export) fn out_of_time(status: &ExitStatus) -> bool {
        status.signal() == Some(libc::SIGXCPU)
    }
}

/// Elsewhere than on Unix there is no memory or CPU limit; the sandbox still stops the child
/// after a while.
#[cfg(not(unix))]
mod imp {
    use std::process::{Command, ExitStatus};

    pub(in crate::export) fn apply(_: &mut Command, _: u64, _: u64) -> std::io::Result<()> {
        Ok(())
    }

    pub(in crate::export) fn out_of_time(_: &ExitStatus) -> bool {
        false
    }
}
