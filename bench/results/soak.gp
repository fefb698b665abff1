# Plots scripts/bench-soak's samples: smtpsweep's resident memory and open
# file descriptors over a long full-speed scan (top; flat lines mean bounded
# resources) and its probes per second per sampling interval (bottom).
# Usage: gnuplot -e "csv='soak.csv'; out='soak.svg'" soak.gp
set terminal svg size 900,640 dynamic font "sans,11"
set output out
set datafile separator ","
set key autotitle columnhead
set multiplot layout 2,1 title "smtpsweep soak: full speed against a mix of responders"
set grid
set xlabel "minutes"
set ylabel "RSS (MiB)"
set y2label "open fds"
set ytics nomirror
set y2tics
set yrange [0:*]
set y2range [0:*]
set key top left
plot csv using ($1/60):($2/1024) with lines lw 2 title "RSS (MiB)", \
     csv using ($1/60):4 axes x1y2 with lines lw 2 title "open fds"
unset y2label
unset y2tics
set ylabel "probes/s"
set key top right
plot csv using ($1/60):9 with lines lw 2 title "probes/s (per interval)"
unset multiplot
