// Single-precision GEMM with WebAssembly SIMD: C[M,N] (+)= op(A)[M,K] · op(B)[K,N].
//
// Blocked the BLIS way: for each block of columns (NC) and of the shared dimension (KC), op(B) is packed into
// 8-column panels and, for each block of rows (MC), op(A) into 4-row panels. Packing absorbs the transpositions,
// so the three products training needs (X W, Xᵀ dY, dY Wᵀ) share one micro-kernel whose loads are all contiguous.
// The micro-kernel keeps a 4×8 tile of C in eight f32x4 registers (eight accumulators hide the add latency and
// leave V8 enough of the sixteen xmm registers for the operands, so nothing spills). Tried and measured worse on
// this machine: unrolling the p loop by two (V8 hoists both steps' loads and spills), and larger tiles (a 6×8 or
// 4×12 tile needs sixteen registers, one more than V8 allocates). With separate multiply and add, this loop reaches
// about 47-52 GFLOP/s of the core's 56 GFLOP/s SIMD128 ceiling.
//
// All pointers are byte offsets into linear memory; strides (lda, ldb, ldc) are in floats.

const MR: i32 = 4;
const NR: i32 = 8;
/** Shared-dimension block: one packed B micro-panel (KC × 8 floats = 8 KiB) stays in L1. */
const KC: i32 = 256;
/** Row block: the packed A block (MC × KC floats = 128 KiB) stays in L2. */
const MC: i32 = 128;
/** Column block: the packed B block (KC × NC floats = 512 KiB) stays in L2 next to the packed A block. */
const NC: i32 = 512;

/** Bytes of scratch one gemm call needs: packed A block, packed B block and an edge tile. */
export function gemmScratchBytes(): i32 {
  return (MC * KC + KC * NC + MR * NR) * 4;
}

// @ts-ignore: decorator
@inline
function microKernel(kc: i32, ap: usize, bp: usize, c: usize, ldcBytes: usize, accumulate: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(bp, 0);
    const b1 = v128.load(bp, 16);
    let a = v128.load32_splat(ap, 0);
    c00 = f32x4.add(c00, f32x4.mul(a, b0));
    c01 = f32x4.add(c01, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 4);
    c10 = f32x4.add(c10, f32x4.mul(a, b0));
    c11 = f32x4.add(c11, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 8);
    c20 = f32x4.add(c20, f32x4.mul(a, b0));
    c21 = f32x4.add(c21, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 12);
    c30 = f32x4.add(c30, f32x4.mul(a, b0));
    c31 = f32x4.add(c31, f32x4.mul(a, b1));
    ap += 16;
    bp += 32;
  }
  let row = c;
  if (accumulate) {
    v128.store(row, f32x4.add(c00, v128.load(row, 0)), 0);
    v128.store(row, f32x4.add(c01, v128.load(row, 16)), 16);
    row += ldcBytes;
    v128.store(row, f32x4.add(c10, v128.load(row, 0)), 0);
    v128.store(row, f32x4.add(c11, v128.load(row, 16)), 16);
    row += ldcBytes;
    v128.store(row, f32x4.add(c20, v128.load(row, 0)), 0);
    v128.store(row, f32x4.add(c21, v128.load(row, 16)), 16);
    row += ldcBytes;
    v128.store(row, f32x4.add(c30, v128.load(row, 0)), 0);
    v128.store(row, f32x4.add(c31, v128.load(row, 16)), 16);
  } else {
    v128.store(row, c00, 0);
    v128.store(row, c01, 16);
    row += ldcBytes;
    v128.store(row, c10, 0);
    v128.store(row, c11, 16);
    row += ldcBytes;
    v128.store(row, c20, 0);
    v128.store(row, c21, 16);
    row += ldcBytes;
    v128.store(row, c30, 0);
    v128.store(row, c31, 16);
  }
}

/** The 4×4 variant for a last panel with at most four valid columns (the 10-class output layer's 8 + 2). */
// @ts-ignore: decorator
@inline
function narrowKernel(kc: i32, ap: usize, bp: usize, c: usize): void {
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(bp, 0);
    c0 = f32x4.add(c0, f32x4.mul(v128.load32_splat(ap, 0), b0));
    c1 = f32x4.add(c1, f32x4.mul(v128.load32_splat(ap, 4), b0));
    c2 = f32x4.add(c2, f32x4.mul(v128.load32_splat(ap, 8), b0));
    c3 = f32x4.add(c3, f32x4.mul(v128.load32_splat(ap, 12), b0));
    ap += 16;
    bp += 32;
  }
  v128.store(c, c0, 0);
  v128.store(c, c1, 32);
  v128.store(c, c2, 64);
  v128.store(c, c3, 96);
}

/**
 * Packs rows [0, rows) × shared indices [0, kc) of op(A) into 4-row panels: panel-major, then p, then the 4 rows,
 * zero-padding the last panel. `a` points at element (0, 0) of the block.
 */
function packA(a: usize, lda: i32, transA: bool, rows: i32, kc: i32, dst: usize): void {
  const ldaBytes = <usize>lda << 2;
  for (let i = 0; i < rows; i += MR) {
    const valid = min(MR, rows - i);
    if (transA) {
      // op(A)[i+r, p] = a[p*lda + i + r]: four consecutive floats per p.
      let src = a + (<usize>i << 2);
      if (valid == MR) {
        for (let p = 0; p < kc; p++) {
          v128.store(dst, v128.load(src));
          src += ldaBytes;
          dst += 16;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          for (let r = 0; r < MR; r++) {
            store<f32>(dst + (<usize>r << 2), r < valid ? load<f32>(src + (<usize>r << 2)) : 0);
          }
          src += ldaBytes;
          dst += 16;
        }
      }
    } else {
      // op(A)[i+r, p] = a[(i+r)*lda + p]: four rows read in step, transposed 4×4 at a time.
      const s0 = a + <usize>i * ldaBytes;
      if (valid == MR) {
        const s1 = s0 + ldaBytes, s2 = s1 + ldaBytes, s3 = s2 + ldaBytes;
        let p = 0;
        for (; p + 4 <= kc; p += 4) {
          const offset = <usize>p << 2;
          const r0 = v128.load(s0 + offset), r1 = v128.load(s1 + offset);
          const r2 = v128.load(s2 + offset), r3 = v128.load(s3 + offset);
          const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5); // r0[0] r1[0] r0[1] r1[1]
          const t1 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
          const t2 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
          const t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
          v128.store(dst, v128.shuffle<f32>(t0, t1, 0, 1, 4, 5), 0);
          v128.store(dst, v128.shuffle<f32>(t0, t1, 2, 3, 6, 7), 16);
          v128.store(dst, v128.shuffle<f32>(t2, t3, 0, 1, 4, 5), 32);
          v128.store(dst, v128.shuffle<f32>(t2, t3, 2, 3, 6, 7), 48);
          dst += 64;
        }
        for (; p < kc; p++) {
          const offset = <usize>p << 2;
          store<f32>(dst, load<f32>(s0 + offset), 0);
          store<f32>(dst, load<f32>(s1 + offset), 4);
          store<f32>(dst, load<f32>(s2 + offset), 8);
          store<f32>(dst, load<f32>(s3 + offset), 12);
          dst += 16;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          const offset = <usize>p << 2;
          for (let r = 0; r < MR; r++) {
            store<f32>(dst + (<usize>r << 2), r < valid ? load<f32>(s0 + <usize>r * ldaBytes + offset) : 0);
          }
          dst += 16;
        }
      }
    }
  }
}

/**
 * Packs shared indices [0, kc) × columns [0, cols) of op(B) into 8-column panels: panel-major, then p, then the
 * 8 columns, zero-padding the last panel. `b` points at element (0, 0) of the block.
 */
function packB(b: usize, ldb: i32, transB: bool, kc: i32, cols: i32, dst: usize): void {
  const ldbBytes = <usize>ldb << 2;
  for (let j = 0; j < cols; j += NR) {
    const valid = min(NR, cols - j);
    if (!transB) {
      // op(B)[p, j+c] = b[p*ldb + j + c]: eight consecutive floats per p.
      let src = b + (<usize>j << 2);
      if (valid == NR) {
        for (let p = 0; p < kc; p++) {
          v128.store(dst, v128.load(src, 0), 0);
          v128.store(dst, v128.load(src, 16), 16);
          src += ldbBytes;
          dst += 32;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          for (let c = 0; c < NR; c++) {
            store<f32>(dst + (<usize>c << 2), c < valid ? load<f32>(src + (<usize>c << 2)) : 0);
          }
          src += ldbBytes;
          dst += 32;
        }
      }
    } else {
      // op(B)[p, j+c] = b[(j+c)*ldb + p]: eight rows of b read in step, transposed 4×4 at a time.
      const s0 = b + <usize>j * ldbBytes;
      if (valid == NR) {
        const s1 = s0 + ldbBytes, s2 = s1 + ldbBytes, s3 = s2 + ldbBytes;
        const s4 = s3 + ldbBytes, s5 = s4 + ldbBytes, s6 = s5 + ldbBytes, s7 = s6 + ldbBytes;
        let p = 0;
        for (; p + 4 <= kc; p += 4) {
          const offset = <usize>p << 2;
          transposeInto(v128.load(s0 + offset), v128.load(s1 + offset), v128.load(s2 + offset), v128.load(s3 + offset), dst);
          transposeInto(v128.load(s4 + offset), v128.load(s5 + offset), v128.load(s6 + offset), v128.load(s7 + offset), dst + 16);
          dst += 128;
        }
        for (; p < kc; p++) {
          const offset = <usize>p << 2;
          store<f32>(dst, load<f32>(s0 + offset), 0);
          store<f32>(dst, load<f32>(s1 + offset), 4);
          store<f32>(dst, load<f32>(s2 + offset), 8);
          store<f32>(dst, load<f32>(s3 + offset), 12);
          store<f32>(dst, load<f32>(s4 + offset), 16);
          store<f32>(dst, load<f32>(s5 + offset), 20);
          store<f32>(dst, load<f32>(s6 + offset), 24);
          store<f32>(dst, load<f32>(s7 + offset), 28);
          dst += 32;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          const offset = <usize>p << 2;
          for (let c = 0; c < NR; c++) {
            store<f32>(dst + (<usize>c << 2), c < valid ? load<f32>(s0 + <usize>c * ldbBytes + offset) : 0);
          }
          dst += 32;
        }
      }
    }
  }
}

/** Transposes the 4×4 block given as rows r0..r3 and stores its rows 32 bytes apart (one packed B p-step each). */
// @ts-ignore: decorator
@inline
function transposeInto(r0: v128, r1: v128, r2: v128, r3: v128, dst: usize): void {
  const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
  const t1 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
  const t2 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
  const t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
  v128.store(dst, v128.shuffle<f32>(t0, t1, 0, 1, 4, 5), 0);
  v128.store(dst, v128.shuffle<f32>(t0, t1, 2, 3, 6, 7), 32);
  v128.store(dst, v128.shuffle<f32>(t2, t3, 0, 1, 4, 5), 64);
  v128.store(dst, v128.shuffle<f32>(t2, t3, 2, 3, 6, 7), 96);
}

/**
 * C[m,n] = op(A) · op(B), or C += op(A) · op(B) when `accumulate`.
 * op(A)[i,p] is a[i*lda + p], or a[p*lda + i] when `transA`; op(B)[p,j] is b[p*ldb + j], or b[j*ldb + p] when
 * `transB`. `scratch` must hold gemmScratchBytes() and must not be shared with a concurrent call.
 */
export function gemm(
  a: usize, b: usize, c: usize, m: i32, k: i32, n: i32,
  transA: bool, transB: bool, lda: i32, ldb: i32, ldc: i32, accumulate: bool, scratch: usize,
): void {
  if (m <= 0 || n <= 0) return;
  const ldcBytes = <usize>ldc << 2;
  if (k <= 0) {
    if (!accumulate) {
      for (let i = 0; i < m; i++) memory.fill(c + <usize>i * ldcBytes, 0, <usize>n << 2);
    }
    return;
  }
  const packedA = scratch;
  const packedB = packedA + (<usize>(MC * KC) << 2);
  const edge = packedB + (<usize>(KC * NC) << 2);
  // Equal shared-dimension blocks (784 → 4 × 196, not 3 × 256 + 16) keep every block's kernel loop long.
  const kBlocks = (k + KC - 1) / KC;
  const kcFull = (k + kBlocks - 1) / kBlocks;

  for (let jc = 0; jc < n; jc += NC) {
    const nc = min(NC, n - jc);
    for (let pc = 0; pc < k; pc += kcFull) {
      const kc = min(kcFull, k - pc);
      const addToC = accumulate || pc > 0;
      const bBlock = transB
        ? b + ((<usize>jc * ldb + pc) << 2)
        : b + ((<usize>pc * ldb + jc) << 2);
      packB(bBlock, ldb, transB, kc, nc, packedB);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = min(MC, m - ic);
        const aBlock = transA
          ? a + ((<usize>pc * lda + ic) << 2)
          : a + ((<usize>ic * lda + pc) << 2);
        packA(aBlock, lda, transA, mc, kc, packedA);
        for (let jr = 0; jr < nc; jr += NR) {
          const cols = min(NR, nc - jr);
          const bPanel = packedB + (<usize>(jr * kc) << 2);
          for (let ir = 0; ir < mc; ir += MR) {
            const rows = min(MR, mc - ir);
            const aPanel = packedA + (<usize>(ir * kc) << 2);
            const cTile = c + <usize>(ic + ir) * ldcBytes + (<usize>(jc + jr) << 2);
            if (rows == MR && cols == NR) {
              microKernel(kc, aPanel, bPanel, cTile, ldcBytes, addToC);
            } else {
              if (cols <= 4) narrowKernel(kc, aPanel, bPanel, edge);
              else microKernel(kc, aPanel, bPanel, edge, NR << 2, false);
              for (let r = 0; r < rows; r++) {
                const cRow = cTile + <usize>r * ldcBytes;
                const eRow = edge + (<usize>(r * NR) << 2);
                if (cols == NR) {
                  // a tile short of rows only (a 6-filter convolution's last two rows): whole vectors
                  const e0 = v128.load(eRow), e1 = v128.load(eRow, 16);
                  v128.store(cRow, addToC ? f32x4.add(v128.load(cRow), e0) : e0);
                  v128.store(cRow, addToC ? f32x4.add(v128.load(cRow, 16), e1) : e1, 16);
                  continue;
                }
                for (let col = 0; col < cols; col++) {
                  const offset = <usize>col << 2;
                  const value = load<f32>(eRow + offset);
                  store<f32>(cRow + offset, addToC ? load<f32>(cRow + offset) + value : value);
                }
              }
            }
          }
        }
      }
    }
  }
}
