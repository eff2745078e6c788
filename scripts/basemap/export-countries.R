# Writes Natural Earth's 1:50m admin-0 countries (Debian's r-cran-rnaturalearthdata,
# CC0; Natural Earth is public domain) as plain text on stdout, for build.py:
#   C <TAB> iso_a2 <TAB> adm0_a3 <TAB> name
#   R <TAB> hole(0|1) <TAB> lon,lat lon,lat ...      (one line per ring, in order)
suppressMessages(library(sp))
x <- rnaturalearthdata::countries50
d <- x@data
for (i in seq_along(x@polygons)) {
  iso <- d$iso_a2[i]
  if (is.na(iso) || iso == "-99") iso <- ""
  cat("C\t", iso, "\t", d$adm0_a3[i], "\t", d$name[i], "\n", sep = "")
  for (ring in x@polygons[[i]]@Polygons) {
    xy <- ring@coords
    cat("R\t", if (ring@hole) 1 else 0, "\t",
        paste(sprintf("%.6f,%.6f", xy[, 1], xy[, 2]), collapse = " "), "\n", sep = "")
  }
}
