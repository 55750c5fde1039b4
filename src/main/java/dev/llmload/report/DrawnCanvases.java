package dev.llmload.report;

/**
 * The script that lets a test see, in the DOM alone, that a page's charts were drawn: once the page is parsed (after
 * every chart script has run, when it is the last to listen for {@code DOMContentLoaded}), it marks each
 * {@code <canvas>} with {@code data-drawn="yes"} when Chart.js holds a chart for it and the canvas has painted pixels,
 * {@code data-drawn="no"} otherwise. Any page with Chart.js charts includes it, after its chart code (the comparison page too).
 */
public final class DrawnCanvases {

  private DrawnCanvases() {}

  public static final String SCRIPT = """
      document.addEventListener('DOMContentLoaded', function () {
        for (const canvas of document.querySelectorAll('canvas')) {
          const chart = window.Chart ? Chart.getChart(canvas) : undefined;
          let painted = false;
          if (chart && canvas.width > 0 && canvas.height > 0) {
            const px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            for (let i = 3; i < px.length && !painted; i += 28) {
              painted = px[i] !== 0;
            }
          }
          canvas.setAttribute('data-drawn', painted ? 'yes' : 'no');
        }
      });
      """;
}
