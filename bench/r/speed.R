#!/usr/bin/env Rscript
## Speed of R `surveillance` on the benchmark's work, timed inside R for the Tocsin bench (bench/run.ts).
## Data loading and sts construction are outside the timed loop; each algorithm is warmed up on a few
## series first (untimed), then system.time() wraps the loop of calls: exactly r/algos.R's run_algo.
##
## Weekly (simulated set, or any file in sim/series.csv format):
##   Rscript bench/r/speed.R --bench-r=../shared/bench/r --series=../shared/bench/sim/series.csv \
##     --algos=farrington_noufaily,glrnb --range=576-624 [--select=ids.txt] [--warmup=5] --out=times.csv
##   --range=last:N monitors the last N weeks of every series; --select names 1-based series numbers
##   (one per line, in file order).
## Daily EARS C3 (sim/daily_speed.csv.gz): --daily=FILE --days=365 [--max-series=N]
## Output CSV: task,algorithm,series,points_per_series,elapsed_s,cpu_s
args <- commandArgs(trailingOnly = TRUE)
getarg <- function(name, default = NULL) {
  a <- grep(paste0("^--", name, "="), args, value = TRUE)
  if (length(a)) sub(paste0("^--", name, "="), "", a[1]) else default
}
benchR <- getarg("bench-r")
source(file.path(benchR, "common.R"))
source(file.path(benchR, "algos.R"))
out <- getarg("out")
warmup <- as.integer(getarg("warmup", "5"))
rows <- list()
record <- function(task, algo, n, pts, tm) {
  rows[[length(rows) + 1]] <<- data.frame(task = task, algorithm = algo, series = n, points_per_series = pts,
    elapsed_s = tm[["elapsed"]], cpu_s = tm[["user.self"]] + tm[["sys.self"]])
  cat(sprintf("R %s %s: %d series x %d points in %.2f s\n", task, algo, n, pts, tm[["elapsed"]]))
}

if (!is.null(getarg("series"))) {
  S <- read_series(getarg("series"))
  sel <- seq_len(nrow(S$keys))
  if (!is.null(getarg("select"))) sel <- as.integer(readLines(getarg("select")))
  nW <- nrow(S$count)
  rg <- getarg("range", "576-624")
  rng <- if (startsWith(rg, "last:")) (nW - as.integer(sub("last:", "", rg)) + 1):nW else {
    r <- as.integer(strsplit(rg, "-")[[1]]); r[1]:r[2] }
  X <- lapply(sel, function(j) make_sts(S$count[, j], S$dates))
  for (a in strsplit(getarg("algos"), ",")[[1]]) {
    for (j in seq_len(min(warmup, length(X)))) invisible(run_algo(a, X[[j]], rng))
    tm <- system.time(for (x in X) run_algo(a, x, rng))
    record(getarg("task", "weekly"), a, length(X), length(rng), tm)
  }
}

if (!is.null(getarg("daily"))) {
  con <- gzfile(getarg("daily"))
  d <- read.csv(con, check.names = FALSE)
  maxS <- as.integer(getarg("max-series", "0"))
  if (maxS > 0 && maxS < nrow(d)) d <- d[seq_len(maxS), ]
  dates <- as.Date(names(d)[-1])
  nT <- length(dates)
  days <- as.integer(getarg("days", "365"))
  rng <- (nT - days + 1):nT
  X <- lapply(seq_len(nrow(d)), function(i) sts(observed = matrix(as.integer(unlist(d[i, -1])), ncol = 1),
    epoch = dates, epochAsDate = TRUE, frequency = 365))
  ctl <- algo_control("ears_c3", rng)
  for (j in seq_len(min(warmup, length(X)))) invisible(earsC(X[[j]], ctl))
  tm <- system.time(for (x in X) earsC(x, algo_control("ears_c3", rng)))
  record("daily", "ears_c3", length(X), length(rng), tm)
}

res <- do.call(rbind, rows)
if (!is.null(out)) write.csv(res, out, row.names = FALSE, quote = FALSE) else print(res)
