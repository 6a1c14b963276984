//! The printed table: each request's figures for Concord and the bare server side by
//! side, then the targets, each marked met or NOT MET from the figures above.
use crate::load::Sample;
use crate::servers::Memory;

pub struct Row {
    pub name: &'static str,
    pub concord: Sample,
    pub bare: Sample,
    /// Concord / bare in each round, the two measured back to back. Their spread is
    /// what the machine's own drift does to a ratio within one run.
    pub round_ratios: Vec<f64>,
    /// The round's first measurement (Concord's or not, its req/s) until its pair comes.
    half: Option<(bool, f64)>,
}

impl Row {
    pub fn new(name: &'static str) -> Self {
        Self {
            name,
            concord: Sample::default(),
            bare: Sample::default(),
            round_ratios: Vec::new(),
            half: None,
        }
    }

    /// Counts one measurement of Concord (`is_concord`) or the bare server; the second
    /// of a round also records that round's ratio.
    pub fn add(&mut self, is_concord: bool, sample: Sample) {
        let rate = sample.per_sec();
        if is_concord {
            self.concord.merge(sample);
        } else {
            self.bare.merge(sample);
        }
        match self.half.take() {
            Some((first_is_concord, first)) if first_is_concord != is_concord => {
                let (concord, bare) = if is_concord {
                    (rate, first)
                } else {
                    (first, rate)
                };
                if bare > 0.0 {
                    self.round_ratios.push(concord / bare);
                }
            }
            _ => self.half = Some((is_concord, rate)),
        }
    }

    pub fn ratio(&self) -> f64 {
        self.concord.per_sec() / self.bare.per_sec()
    }
}

pub struct Logins {
    pub ok: usize,
    pub refused: usize,
    pub slowest_ms: f64,
}

pub struct Report<'a> {
    pub title: String,
    pub rows: &'a [Row],
    pub concord_memory: Memory,
    pub bare_memory: Memory,
    pub logins: Logins,
}

fn figures(sample: &Sample) -> String {
    format!(
        "{:>8.0} {:>7.2} {:>7.2}",
        sample.per_sec(),
        sample.percentile_ms(0.50),
        sample.percentile_ms(0.99)
    )
}

fn find<'a>(rows: &'a [Row], name: &str) -> Option<&'a Row> {
    rows.iter().find(|r| r.name == name)
}

fn mark(met: bool) -> &'static str {
    if met { "met" } else { "NOT MET" }
}

pub const LIST: &str = "50-row action list";
pub const TRANSITION: &str = "transition (block/unblock)";
pub const HISTORY: &str = "busy action's history, 1st page";
pub const LIST_BIG: &str = "50-row list at 10k/100k";
pub const HISTORY_BIG: &str = "busy history at 10k/100k, 1st page";
pub const HISTORY_DEEP: &str = "busy history at 10k/100k, last page";

pub fn print(report: &Report<'_>) {
    println!();
    println!("{}", report.title);
    println!();
    println!(
        "{:<36} | {:>8} {:>7} {:>7} | {:>8} {:>7} {:>7} | {:>5} | {:>7} {:>6} | failed",
        "request",
        "Concord",
        "p50 ms",
        "p99 ms",
        "bare",
        "p50 ms",
        "p99 ms",
        "ratio",
        "bytes C",
        "bare"
    );
    println!("{}", "-".repeat(128));
    for row in report.rows {
        println!(
            "{:<36} | {} | {} | {:>5.2} | {:>7} {:>6} | {}",
            row.name,
            figures(&row.concord),
            figures(&row.bare),
            row.ratio(),
            row.concord.mean_bytes(),
            row.bare.mean_bytes(),
            row.concord.failed + row.bare.failed,
        );
    }
    println!("(req/s of successful answers; p50/p99 over every answer of every round)");
    println!();
    println!("ratio in each round (Concord and bare measured back to back):");
    for row in report.rows {
        let each: Vec<String> = row.round_ratios.iter().map(|r| format!("{r:.2}")).collect();
        let (low, high) = row
            .round_ratios
            .iter()
            .fold((f64::MAX, f64::MIN), |(l, h), r| (l.min(*r), h.max(*r)));
        let spread = if each.is_empty() { 0.0 } else { high - low };
        println!(
            "  {:<36} {}  (spread {spread:.2})",
            row.name,
            each.join("  ")
        );
    }
    println!();
    println!(
        "CPU per answer, the server's own process (on PostgreSQL its backends are not counted):"
    );
    for row in report.rows {
        let (concord, bare) = (
            row.concord.cpu_us_per_answer(),
            row.bare.cpu_us_per_answer(),
        );
        println!(
            "  {:<36} Concord {concord:>6.0} µs   bare {bare:>6.0} µs   Concord / bare {:.2}",
            row.name,
            concord / bare
        );
    }
    for row in report.rows {
        for (who, sample) in [("Concord", &row.concord), ("bare", &row.bare)] {
            if let Some(failure) = &sample.first_failure {
                println!(
                    "  {} {who}: {} failed; first: {failure}",
                    row.name, sample.failed
                );
            }
        }
    }
    println!();
    println!(
        "memory: Concord peak RSS {:.1} MiB (now {:.1}), bare peak {:.1} MiB; \
         16 concurrent sign-ins x3 under list load: {} ok, {} refused, slowest {:.0} ms",
        report.concord_memory.peak_mib(),
        report.concord_memory.now_mib(),
        report.bare_memory.peak_mib(),
        report.logins.ok,
        report.logins.refused,
        report.logins.slowest_ms,
    );
    println!();
    println!("targets (issue 8):");
    let rows = report.rows;
    if let Some(list) = find(rows, LIST) {
        let p99 = list.concord.percentile_ms(0.99);
        let ratio = list.ratio();
        println!(
            "  {:<58} {:>24}  {}",
            "list >= 0.60 of bare, p99 < 10 ms",
            format!("{ratio:.2}, p99 {p99:.1} ms"),
            mark(ratio >= 0.60 && p99 < 10.0)
        );
    }
    if let Some(t) = find(rows, TRANSITION) {
        let p99 = t.concord.percentile_ms(0.99);
        let ratio = t.ratio();
        println!(
            "  {:<58} {:>24}  {}",
            "transition >= 0.50 of bare, p99 < 25 ms",
            format!("{ratio:.2}, p99 {p99:.1} ms"),
            mark(ratio >= 0.50 && p99 < 25.0)
        );
    }
    for (small, big, what) in [
        (
            LIST,
            LIST_BIG,
            "list at 10k/100k within 10 % of small-data speed",
        ),
        (
            HISTORY,
            HISTORY_BIG,
            "busy history at 10k/100k within 10 % of small-data speed",
        ),
    ] {
        if let (Some(small), Some(big)) = (find(rows, small), find(rows, big)) {
            let share = big.concord.per_sec() / small.concord.per_sec();
            // The bare server's own change tells how much of it is the machine; the
            // ratios' change is Concord's alone, as each ratio's two sides were
            // measured back to back while the small and big figures are minutes apart.
            let bare_share = big.bare.per_sec() / small.bare.per_sec();
            let beside_bare = big.ratio() / small.ratio();
            println!(
                "  {:<58} {:>24}  {:<8} (bare: {:.0} %; ratio to bare: {:.0} %)",
                what,
                format!(
                    "{:.0} / {:.0} = {:.0} %",
                    big.concord.per_sec(),
                    small.concord.per_sec(),
                    share * 100.0
                ),
                mark(share >= 0.90),
                bare_share * 100.0,
                beside_bare * 100.0
            );
        }
    }
    let peak = report.concord_memory.peak_mib();
    println!(
        "  {:<58} {:>24}  {}",
        "peak RSS < 64 MiB, with 16 concurrent sign-ins",
        format!("{peak:.1} MiB"),
        mark(peak < 64.0)
    );
    let failed: u64 = rows.iter().map(|r| r.concord.failed + r.bare.failed).sum();
    if failed > 0 {
        println!(
            "  WARNING: {failed} requests failed; the figures above count only the answered ones"
        );
    }
}
