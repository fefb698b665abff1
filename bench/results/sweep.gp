# Plots bench/results/sweep.csv (written by `scripts/bench --sweep`): targets
# per second against --concurrency, one panel per workload, one line per
# (program, --threads). Usage: gnuplot -e "csv='sweep.csv'; out='sweep.svg'" sweep.gp
if (!exists("csv")) csv = 'sweep.csv'
if (!exists("out")) out = 'sweep.svg'
set terminal svg size 1100,520 dynamic enhanced font 'sans,12' background rgb 'white'
set output out
set datafile separator ','
set datafile missing NaN
set key below horizontal maxrows 2 width 2
set logscale x
set xtics (100, 500, 1000, 5000)
set xrange [70:7000]
set xlabel '--concurrency'
set ylabel 'targets per second'
set grid
set yrange [0:*]
pick(w, t, col) = (strcol(1) eq w && $2 == t && strcol(col) ne 'null') ? column(col) : NaN
set multiplot layout 1,2
do for [w in "closed smtp"] {
    set title (w eq "closed" ? "closed ports (RST): connect\\_limit vs smtpsweep" : "SMTP banner+EHLO+QUIT: smtp\\_limit vs smtpsweep")
    plot for [t=1:2] csv skip 1 using 3:(pick(w, t, 4)) with linespoints lw 1 pt 6 ps 1.2 lc t title sprintf('limit, %d thread%s', t, t > 1 ? 's' : ''), \
         for [t=1:2] csv skip 1 using 3:(pick(w, t, 5)) with linespoints lw 3 pt 7 ps 1.2 lc t title sprintf('smtpsweep, %d thread%s', t, t > 1 ? 's' : '')
}
unset multiplot
