import { describe, expect, it } from "vitest";
import { decodeGraphics, DrawOp, subpaths, type Matrix, type PathOps } from "../src/pdf/paths.js";

// Distinct fake operator codes: the decoder must only rely on the values it is given.
const ops: PathOps = {
  save: 10,
  restore: 11,
  transform: 12,
  constructPath: 13,
  paintFormXObjectBegin: 14,
  paintFormXObjectEnd: 15,
  stroke: 20,
  closeStroke: 21,
  fill: 22,
  eoFill: 23,
  fillStroke: 24,
  eoFillStroke: 25,
  closeFillStroke: 26,
  closeEOFillStroke: 27,
  paintImageXObject: 30,
  paintInlineImageXObject: 31,
  paintImageMaskXObject: 32,
  paintImageXObjectRepeat: 33,
};

const I: Matrix = [1, 0, 0, 1, 0, 0];
const FLIP: Matrix = [1, 0, 0, -1, 0, 842]; // the viewport of an A4 page: PDF y-up → top-left origin
const A4 = 595 * 842;

type Op = [number, unknown[] | null];

const line = (x0: number, y0: number, x1: number, y1: number) => [DrawOp.moveTo, x0, y0, DrawOp.lineTo, x1, y1];
const rect = (x: number, y: number, w: number, h: number) => [
  DrawOp.moveTo,
  x,
  y,
  DrawOp.lineTo,
  x + w,
  y,
  DrawOp.lineTo,
  x + w,
  y + h,
  DrawOp.lineTo,
  x,
  y + h,
  DrawOp.closePath,
];
/** A pdf.js v5 constructPath op: [paint op, [path buffer], min/max]. */
const path = (paint: number, buffer: number[]): Op => [ops.constructPath, [paint, [new Float32Array(buffer)], null]];

function decode(list: Op[], initial: Matrix = I) {
  return decodeGraphics(
    list.map((o) => o[0]),
    list.map((o) => o[1]),
    ops,
    initial,
    A4,
  );
}

describe("subpaths", () => {
  it("splits at moveTo, marks closed and curved subpaths, keeps curve end points", () => {
    const buf = new Float32Array([...rect(0, 0, 10, 5), DrawOp.moveTo, 1, 1, DrawOp.curveTo, 2, 2, 3, 3, 4, 4]);
    const subs = subpaths(buf, [2, 0, 0, 2, 100, 0]);
    expect(subs).toHaveLength(2);
    expect(subs[0]).toEqual({
      points: [
        [100, 0],
        [120, 0],
        [120, 10],
        [100, 10],
      ],
      closed: true,
      curved: false,
    });
    expect(subs[1]).toEqual({
      points: [
        [102, 2],
        [108, 8],
      ],
      closed: false,
      curved: true,
    });
  });

  it("stops at an unknown opcode", () => {
    const subs = subpaths(new Float32Array([DrawOp.moveTo, 0, 0, 9, DrawOp.lineTo, 5, 5]), I);
    expect(subs).toEqual([{ points: [[0, 0]], closed: false, curved: false }]);
  });
});

describe("decodeGraphics", () => {
  it("reads a stroked horizontal and vertical line", () => {
    const { segments } = decode([path(ops.stroke, [...line(10, 20, 110, 20), ...line(50, 5, 50, 95)])]);
    expect(segments).toEqual([
      { x0: 10, y0: 20, x1: 110, y1: 20 },
      { x0: 50, y0: 5, x1: 50, y1: 95 },
    ]);
  });

  it("ignores diagonal strokes and paths that were never painted", () => {
    expect(decode([path(ops.stroke, line(0, 0, 100, 80))]).segments).toEqual([]);
    expect(decode([path(99, line(0, 0, 100, 0))]).segments).toEqual([]);
  });

  it("turns a stroked rectangle into its 4 edges", () => {
    const { segments } = decode([path(ops.closeStroke, rect(100, 200, 50, 30))]);
    expect(segments).toHaveLength(4);
    expect(segments).toEqual(
      expect.arrayContaining([
        { x0: 100, y0: 200, x1: 150, y1: 200 },
        { x0: 150, y0: 200, x1: 150, y1: 230 },
        { x0: 100, y0: 230, x1: 150, y1: 230 },
        { x0: 100, y0: 200, x1: 100, y1: 230 },
      ]),
    );
  });

  it("reads a thin filled rectangle as one ruling through its middle", () => {
    const h = decode([path(ops.fill, rect(10, 100, 200, 0.5))]).segments;
    expect(h).toEqual([{ x0: 10, y0: 100.25, x1: 210, y1: 100.25 }]);
    const v = decode([path(ops.eoFill, rect(300, 50, 1, 120))]).segments;
    expect(v).toEqual([{ x0: 300.5, y0: 50, x1: 300.5, y1: 170 }]);
  });

  it("drops a small filled dot (thin both ways)", () => {
    expect(decode([path(ops.fill, rect(10, 10, 2, 2))]).segments).toEqual([]);
  });

  it("keeps the edges of a large filled cell but ignores a page-size background", () => {
    const cell = decode([path(ops.fill, rect(50, 60, 100, 40))]).segments;
    expect(cell).toHaveLength(4);
    expect(cell).toContainEqual({ x0: 50, y0: 60, x1: 150, y1: 60 });
    expect(cell).toContainEqual({ x0: 150, y0: 60, x1: 150, y1: 100 });
    expect(decode([path(ops.fill, rect(0, 0, 595, 842))]).segments).toEqual([]);
  });

  it("ignores curved subpaths (rounded boxes, seals)", () => {
    const curved = [
      DrawOp.moveTo,
      0,
      0,
      DrawOp.lineTo,
      100,
      0,
      DrawOp.curveTo,
      110,
      0,
      110,
      10,
      110,
      10,
      DrawOp.lineTo,
      110,
      100,
    ];
    expect(decode([path(ops.stroke, curved)]).segments).toEqual([]);
  });

  it("applies transforms between save and restore, on top of a y-flip initial matrix", () => {
    const { segments } = decode(
      [
        [ops.save, null],
        [ops.transform, [1, 0, 0, 1, 50, 100]],
        path(ops.stroke, line(0, 0, 100, 0)),
        [ops.restore, null],
        path(ops.stroke, line(0, 0, 100, 0)),
      ],
      FLIP,
    );
    expect(segments).toEqual([
      { x0: 50, y0: 742, x1: 150, y1: 742 },
      { x0: 0, y0: 842, x1: 100, y1: 842 },
    ]);
  });

  it("applies a form XObject's matrix until its end", () => {
    const { segments } = decode([
      [
        ops.paintFormXObjectBegin,
        [
          [2, 0, 0, 2, 10, 10],
          [0, 0, 100, 100],
        ],
      ],
      path(ops.stroke, line(0, 0, 10, 0)),
      [ops.paintFormXObjectEnd, null],
      path(ops.stroke, line(0, 0, 10, 0)),
    ]);
    expect(segments).toEqual([
      { x0: 10, y0: 10, x1: 30, y1: 10 },
      { x0: 0, y0: 0, x1: 10, y1: 0 },
    ]);
  });

  it("places an image at the bounding box of the transformed unit square", () => {
    const { images, segments } = decode(
      [
        [ops.save, null],
        [ops.transform, [200, 0, 0, 100, 50, 60]],
        [ops.paintImageXObject, ["img_p1_1", 200, 100]],
        [ops.restore, null],
        [ops.paintInlineImageXObject, [{}]],
      ],
      FLIP,
    );
    expect(segments).toEqual([]);
    expect(images).toEqual([
      { x0: 50, y0: 682, x1: 250, y1: 782, id: "img_p1_1", upright: true },
      { x0: 0, y0: 841, x1: 1, y1: 842, id: null, upright: true },
    ]);
  });

  it("tells a rotated or flipped image from an upright one", () => {
    const { images } = decode(
      [
        [ops.save, null],
        [ops.transform, [0, 100, -200, 0, 250, 60]],
        [ops.paintImageXObject, ["img_p1_1", 200, 100]],
        [ops.restore, null],
        [ops.transform, [200, 0, 0, -100, 50, 160]],
        [ops.paintImageXObject, ["img_p1_2", 200, 100]],
      ],
      FLIP,
    );
    expect(images.map((i) => i.upright)).toEqual([false, false]);
  });
});
