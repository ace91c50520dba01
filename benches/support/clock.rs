//! The clock the benchmarks measure with. The benchmark machine is shared (two cores, other
//! builds running), so wall time swings with the load; the process's CPU time does not, and
//! for this single-threaded work it equals the wall time of an idle machine. CPU time is the
//! default; `MAGREADER_BENCH_CLOCK=wall` switches to wall time.
//!
//! Process CPU time counts every thread of the process, so work a benchmark hands to a
//! helper thread is still counted.

use std::time::Instant;

use criterion::Throughput;
use criterion::measurement::{Measurement, ValueFormatter};

pub struct Clock {
    cpu: bool,
}

impl Clock {
    pub fn from_env() -> Clock {
        Clock {
            cpu: std::env::var("MAGREADER_BENCH_CLOCK").map_or(true, |v| v != "wall"),
        }
    }
}

/// CPU time of the whole process in nanoseconds.
fn process_cpu_ns() -> u64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the clock id is a constant the OS defines.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_PROCESS_CPUTIME_ID) failed");
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}

impl Measurement for Clock {
    type Intermediate = (Instant, u64);
    type Value = u64;

    fn start(&self) -> Self::Intermediate {
        (Instant::now(), if self.cpu { process_cpu_ns() } else { 0 })
    }

    fn end(&self, (wall, cpu): Self::Intermediate) -> u64 {
        if self.cpu {
            process_cpu_ns() - cpu
        } else {
            wall.elapsed().as_nanos() as u64
        }
    }

    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }

    fn zero(&self) -> u64 {
        0
    }

    fn to_f64(&self, v: &u64) -> f64 {
        *v as f64
    }

    fn formatter(&self) -> &dyn ValueFormatter {
        &Nanos
    }
}

/// Values are nanoseconds; throughputs are shown in decimal MB/s (the unit of the targets).
struct Nanos;

impl ValueFormatter for Nanos {
    fn scale_values(&self, typical: f64, values: &mut [f64]) -> &'static str {
        let (div, unit) = match typical {
            t if t < 1e3 => (1.0, "ns"),
            t if t < 1e6 => (1e3, "µs"),
            t if t < 1e9 => (1e6, "ms"),
            _ => (1e9, "s"),
        };
        values.iter_mut().for_each(|v| *v /= div);
        unit
    }

    fn scale_throughputs(&self, _typical: f64, t: &Throughput, values: &mut [f64]) -> &'static str {
        let (per_iter, unit) = match *t {
            Throughput::Bytes(b) | Throughput::BytesDecimal(b) => (b as f64 / 1e6, "MB/s"),
            Throughput::Bits(b) => (b as f64 / 1e6, "Mb/s"),
            Throughput::Elements(e) | Throughput::ElementsAndBytes { elements: e, .. } => {
                (e as f64, "elem/s")
            }
        };
        values.iter_mut().for_each(|v| *v = per_iter * 1e9 / *v);
        unit
    }

    fn scale_for_machines(&self, _values: &mut [f64]) -> &'static str {
        "ns"
    }
}
