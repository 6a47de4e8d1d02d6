import sys

from bench.ranking.run import main

main(sys.argv[1:])
