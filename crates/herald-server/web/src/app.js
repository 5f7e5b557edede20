import "uplot/dist/uPlot.min.css"; console.log("x");
