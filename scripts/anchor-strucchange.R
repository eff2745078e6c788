# The independent anchor of scripts/experiment-coverage (docs/METHODS.md §8):
# R's strucchange (Zeileis et al. 2002) segments the same baseline indicator
# series transborder segments, and reports Bai's (1997) confidence intervals.
#
# Usage: Rscript scripts/anchor-strucchange.R MANIFEST OUT
#   MANIFEST: tab-separated lines "noise seed h max_breaks indicators_by_year.csv planted_years"
#             (planted_years comma-separated, e.g. 2000,2010)
#   OUT:      tab-separated lines "noise seed planted found lo90 hi90 lo95 hi95 breaks lo99 hi99 year"
#             (year: the break matched to the planted year, empty when none is within ±2)
#
# The series is multivariate; breakpoints() takes one response, so each panel's
# indicator columns are z-scored (constant columns dropped) and reduced to their
# first principal component, the direction of largest variation, on which the
# planted shifts load. breakpoints(pc1 ~ 1, h = min_size, breaks = max_breaks);
# the number of breaks minimizes BIC (summary(bp)$RSS["BIC", ]); confint() at
# 0.90, 0.95 and 0.99 (the last to compare widths at equal coverage). A break at index i (last observation of its segment) is the
# transition year years[i + 1]; so are the interval bounds.
suppressPackageStartupMessages(library(strucchange))

args <- commandArgs(trailingOnly = TRUE)
manifest <- read.table(args[1], sep = "\t", header = FALSE, stringsAsFactors = FALSE,
                       col.names = c("noise", "seed", "h", "max_breaks", "file", "planted"))
out <- file(args[2], "w")
window <- 2

for (r in seq_len(nrow(manifest))) {
  m <- manifest[r, ]
  long <- read.csv(m$file, stringsAsFactors = FALSE)
  years <- sort(unique(long$year))
  wide <- sapply(split(long, long$indicator), function(d) d$value[order(d$year)])
  keep <- apply(wide, 2, function(x) sd(x) > 1e-12)
  planted <- as.integer(strsplit(as.character(m$planted), ",")[[1]])
  trans <- integer(0); lo90 <- hi90 <- lo95 <- hi95 <- lo99 <- hi99 <- integer(0)
  if (sum(keep) > 0) {
    z <- scale(wide[, keep, drop = FALSE])
    pc1 <- prcomp(z)$x[, 1]
    bp <- breakpoints(pc1 ~ 1, h = m$h, breaks = m$max_breaks)
    bic <- summary(bp)$RSS["BIC", ]
    k <- as.integer(names(bic)[which.min(bic)])
    if (k > 0) {
      idx <- breakpoints(bp, breaks = k)$breakpoints
      year_of <- function(i) years[pmin(pmax(i + 1, 1), length(years))]
      trans <- year_of(idx)
      ci <- function(level) {
        tryCatch(confint(bp, breaks = k, level = level)$confint,
                 error = function(e) cbind(idx, idx, idx))  # degenerate: the break alone
      }
      c90 <- ci(0.90); c95 <- ci(0.95); c99 <- ci(0.99)
      lo90 <- year_of(c90[, 1]); hi90 <- year_of(c90[, 3])
      lo95 <- year_of(c95[, 1]); hi95 <- year_of(c95[, 3])
      lo99 <- year_of(c99[, 1]); hi99 <- year_of(c99[, 3])
    }
  }
  for (t in planted) {
    if (length(trans) > 0) {
      d <- abs(trans - t)
      j <- which(d == min(d))[1]
      found <- d[j] <= window
    } else {
      found <- FALSE
    }
    if (found) {
      cat(m$noise, m$seed, t, 1, lo90[j], hi90[j], lo95[j], hi95[j], length(trans), lo99[j], hi99[j],
          trans[j], sep = "\t", file = out)
    } else {
      cat(m$noise, m$seed, t, 0, "", "", "", "", length(trans), "", "", "", sep = "\t", file = out)
    }
    cat("\n", file = out)
  }
}
close(out)
