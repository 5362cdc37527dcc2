//! Virtual time: an [`Instant`] in epoch milliseconds and the [`TimerTable`].
//!
//! The engine never reads a clock. Time is an input: callers move it with
//! [`Cloud::advance_to`](crate::Cloud::advance_to), which jumps from deadline to deadline
//! (like quinn-proto's `connection/timer.rs`), never ticking.

use alloc::collections::BTreeMap;

/// Milliseconds in one second, minute, hour and day.
pub const SECOND: u64 = 1_000;
pub const MINUTE: u64 = 60 * SECOND;
pub const HOUR: u64 = 60 * MINUTE;
pub const DAY: u64 = 24 * HOUR;

/// The instant a new world starts at: 2024-01-01T00:00:00Z (api-contract.md, "The world a
/// process starts with").
pub const WORLD_START: Instant = Instant(1_704_067_200_000);

/// A point on the virtual clock, in milliseconds since the Unix epoch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct Instant(pub u64);

impl Instant {
    /// Epoch milliseconds.
    pub const fn millis(self) -> u64 {
        self.0
    }
    /// Whole epoch seconds (rounded down), as SQS `CreatedTimestamp` reports them.
    pub const fn secs(self) -> u64 {
        self.0 / SECOND
    }
    /// Epoch seconds with a millisecond fraction, as Kinesis and Firehose report timestamps.
    pub fn secs_f64(self) -> f64 {
        self.0 as f64 / 1000.0
    }
    /// `self + ms`, saturating.
    pub const fn plus(self, ms: u64) -> Instant {
        Instant(self.0.saturating_add(ms))
    }
    /// `self + s` seconds, saturating.
    pub const fn plus_secs(self, s: u64) -> Instant {
        self.plus(s.saturating_mul(SECOND))
    }
    /// Milliseconds from `earlier` to `self` (0 if `earlier` is later).
    pub const fn since(self, earlier: Instant) -> u64 {
        self.0.saturating_sub(earlier.0)
    }
    /// The UTC calendar date and time of this instant.
    pub const fn civil(self) -> Civil {
        let ms_of_day = self.0 % DAY;
        let (year, month, day) = civil_from_days((self.0 / DAY) as i64);
        Civil {
            year: year as u32,
            month,
            day,
            hour: (ms_of_day / HOUR) as u32,
            minute: (ms_of_day % HOUR / MINUTE) as u32,
            second: (ms_of_day % MINUTE / SECOND) as u32,
            millis: (ms_of_day % SECOND) as u32,
        }
    }
    /// ISO-8601 UTC with exactly three fractional digits: `2024-01-01T00:00:00.000Z` (the
    /// `Timestamp` of SNS envelopes).
    pub fn iso8601_millis(self) -> alloc::string::String {
        self.date_time_millis('T', "Z")
    }
    /// Appends [`Instant::iso8601_millis`] to `out` (an envelope writes it in place).
    pub fn push_iso8601_millis(self, out: &mut alloc::string::String) {
        self.push_date_time_millis(out, 'T', "Z");
    }
    /// `YYYY-MM-DD<sep>HH:MM:SS.mmm<zone>`: [`Instant::iso8601_millis`], Lambda's
    /// `LastModified` (`'T'`, `"+0000"`) and Kinesis Data Analytics' `ROWTIME` (`' '`, no zone).
    pub fn date_time_millis(self, sep: char, zone: &str) -> alloc::string::String {
        let mut text = alloc::string::String::with_capacity(24 + zone.len());
        self.push_date_time_millis(&mut text, sep, zone);
        text
    }
    fn push_date_time_millis(self, text: &mut alloc::string::String, sep: char, zone: &str) {
        let c = self.civil();
        if c.year <= 9999 {
            // Written digit by digit: SNS stamps every published message, and the formatting
            // machinery costs more than the rest of this.
            let mut out = *b"0000-00-00 00:00:00.000";
            let fields: [(usize, usize, u32); 7] = [
                (0, 4, c.year),
                (5, 2, c.month),
                (8, 2, c.day),
                (11, 2, c.hour),
                (14, 2, c.minute),
                (17, 2, c.second),
                (20, 3, c.millis),
            ];
            for (start, len, mut v) in fields {
                for b in out.iter_mut().skip(start).take(len).rev() {
                    *b = b'0' + (v % 10) as u8;
                    v /= 10;
                }
            }
            let (date, time) = out.split_at(10);
            // ok: ASCII digits and separators.
            text.push_str(core::str::from_utf8(date).unwrap_or_default());
            text.push(sep);
            text.push_str(core::str::from_utf8(time.get(1..).unwrap_or_default()).unwrap_or_default());
        } else {
            use core::fmt::Write as _;
            let _ = write!(
                text,
                "{:04}-{:02}-{:02}{sep}{:02}:{:02}:{:02}.{:03}",
                c.year, c.month, c.day, c.hour, c.minute, c.second, c.millis
            );
        }
        text.push_str(zone);
    }
}

/// The proleptic Gregorian (year, month, day) of a day count since 1970-01-01, negative days
/// included (Howard Hinnant's `civil_from_days`). The one calendar every crate uses.
pub const fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + if month <= 2 { 1 } else { 0 }, month, day)
}

/// A UTC calendar date and time (see [`Instant::civil`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Civil {
    pub year: u32,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    pub millis: u32,
}

/// Identifies a scheduled timer so it can be cancelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimerId {
    pub deadline: Instant,
    seq: u64,
}

/// Timers ordered by `(deadline, sequence)`: equal deadlines fire in scheduling order.
#[derive(Clone, Debug)]
pub struct TimerTable<T> {
    entries: BTreeMap<(Instant, u64), T>,
    next_seq: u64,
}

impl<T> Default for TimerTable<T> {
    fn default() -> Self {
        Self { entries: BTreeMap::new(), next_seq: 0 }
    }
}

impl<T> TimerTable<T> {
    /// Schedules `timer` to fire at `deadline`.
    pub fn schedule(&mut self, deadline: Instant, timer: T) -> TimerId {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.entries.insert((deadline, seq), timer);
        TimerId { deadline, seq }
    }
    /// Cancels a timer; returns it if it had not fired yet.
    pub fn cancel(&mut self, id: TimerId) -> Option<T> {
        self.entries.remove(&(id.deadline, id.seq))
    }
    /// The earliest deadline, if any timer is pending.
    pub fn next_deadline(&self) -> Option<Instant> {
        self.entries.keys().next().map(|(d, _)| *d)
    }
    /// Removes and returns the earliest timer whose deadline is at or before `limit`.
    pub fn pop_due(&mut self, limit: Instant) -> Option<(Instant, T)> {
        let (&(deadline, seq), _) = self.entries.iter().next()?;
        if deadline > limit {
            return None;
        }
        self.entries.remove(&(deadline, seq)).map(|t| (deadline, t))
    }
    /// Number of pending timers.
    pub fn len(&self) -> usize {
        self.entries.len()
    }
    /// True when no timer is pending.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
    /// Pending timers in firing order.
    pub fn iter(&self) -> impl Iterator<Item = (Instant, &T)> {
        self.entries.iter().map(|((d, _), t)| (*d, t))
    }
    /// Drops every pending timer for which `keep` returns false.
    pub fn retain(&mut self, mut keep: impl FnMut(&T) -> bool) {
        self.entries.retain(|_, t| keep(t));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_deadlines_fire_in_scheduling_order() {
        let mut t = TimerTable::default();
        t.schedule(Instant(5), "b");
        t.schedule(Instant(3), "a");
        t.schedule(Instant(5), "c");
        assert_eq!(t.pop_due(Instant(10)), Some((Instant(3), "a")));
        assert_eq!(t.pop_due(Instant(10)), Some((Instant(5), "b")));
        assert_eq!(t.pop_due(Instant(4)), None);
        assert_eq!(t.pop_due(Instant(5)), Some((Instant(5), "c")));
        assert!(t.is_empty());
    }

    #[test]
    fn iso8601_with_millis() {
        assert_eq!(WORLD_START.iso8601_millis(), "2024-01-01T00:00:00.000Z");
        assert_eq!(Instant(1_613_511_679_978).iso8601_millis(), "2021-02-16T21:41:19.978Z");
        assert_eq!(Instant(951_782_400_000).iso8601_millis(), "2000-02-29T00:00:00.000Z");
        for ms in [0, 1, 999, 86_399_999, 253_402_300_799_999, 253_402_300_800_000, 1_234_567_890_123] {
            let c = Instant(ms).civil();
            let want = alloc::format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
                c.year,
                c.month,
                c.day,
                c.hour,
                c.minute,
                c.second,
                c.millis
            );
            assert_eq!(Instant(ms).iso8601_millis(), want);
        }
    }

    #[test]
    fn cancelled_timer_never_fires() {
        let mut t = TimerTable::default();
        let id = t.schedule(Instant(1), 1);
        assert_eq!(t.cancel(id), Some(1));
        assert_eq!(t.cancel(id), None);
        assert_eq!(t.next_deadline(), None);
    }

    #[test]
    fn civil_dates_before_and_after_the_epoch() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
    }
}
