;; Dense f64 kernels of src/learn (blas.ts, linalg.ts) in WebAssembly SIMD (f64x2): C ±= A·Bᵀ on packed panels,
;; the Gram matrix of a panel of rows, and the blocked Cholesky; and the power spectra, the expansion's inner
;; loops, the Ewald real-space sums and the structure factors of the feature engine (src/lode/products-simd.ts,
;; expansion-simd.ts, ewald-simd.ts, structure-factors-simd.ts). Built by `npm run build:wasm` (build.ts, wabt).
;;
;; Multiply–adds are written as relaxed-SIMD f64x2.relaxed_madd, which V8 compiles to one fused vfmadd231pd
;; (fewer instructions per step than a multiply and an add). build.ts also emits a copy that spells each one as
;; f64x2.add(c, f64x2.mul(a, b)), for engines without relaxed SIMD (Node 20 without its flag, some browsers).
;;
;; Pointers are byte offsets into the exported memory; leading dimensions (ld*) are in elements. Bytes 0..127 are
;; the scratch tile of edge blocks, so callers place their data from byte 128 on.
;;
;; Packed layout (packedSize in kernels.ts): the rows of an operand are grouped in slivers of 4; sliver s, step t,
;; lane q sits at element s·(4·depth + 8) + 4·t + q, so the micro-kernel reads both operands contiguously. Missing
;; rows are 0. The 8 doubles between slivers keep sliver starts off multiples of 4 KB: packing writes to every
;; sliver at once, and 4 KB apart they would all fall in one set of the L1 cache and evict each other.
(module
  (memory (export "memory") 1)
  ;; Smallest and largest pivot (L_jj²) of the last cholesky call.
  (global $minPivot (export "minPivot") (mut f64) (f64.const 0))
  (global $maxPivot (export "maxPivot") (mut f64) (f64.const 0))

  ;; Depth of one packed panel of gemm/gram: 4 slivers of 256 steps (8 KB each) stay in L1.
  (global $DEPTH i32 (i32.const 256))
  ;; Bytes between consecutive slivers (see the packed layout).
  (global $SLIVER_GAP i32 (i32.const 64))
  ;; Slivers of the B operand per pass of multiply (32 × 8 KB, in L2).
  (global $STREAMED i32 (i32.const 32))
  ;; Block columns of the right-looking Cholesky (NB2), factored in sub-blocks of NB columns by Crout.
  (global $NB2 i32 (i32.const 256))
  (global $NB i32 (i32.const 64))

  ;; out[i·ldo + j] += sign · Σ_t a_i[t] b_j[t] for one 4 × 4 block (mRem × nRem of it inside the matrix).
  ;; pa, pb: packed slivers; out: byte pointer; ldo: row stride in bytes. Accumulators c{i}{h}: row i, columns
  ;; 2h and 2h + 1; per step 2 loads of b, 4 splat loads of a, 8 f64x2 multiply–adds.
  (func $tile (param $pa i32) (param $pb i32) (param $depth i32) (param $out i32) (param $ldo i32)
    (param $sign f64) (param $mRem i32) (param $nRem i32)
    (local $end i32) (local $a v128) (local $b0 v128) (local $b1 v128) (local $sv v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $p i32) (local $i i32) (local $j i32)
    ;; Two steps per iteration with an exit between them (depth ≥ 1). Not unrolled within one basic block:
    ;; V8 (TurboFan) would then hoist the second step's loads above the arithmetic and spill accumulators.
    (local.set $end (i32.add (local.get $pa) (i32.shl (local.get $depth) (i32.const 5))))
    (block $exit
      (loop $steps
        (local.set $b0 (v128.load (local.get $pb)))
        (local.set $b1 (v128.load offset=16 (local.get $pb)))
        (local.set $a (v128.load64_splat (local.get $pa)))
        (local.set $c00 (f64x2.relaxed_madd (local.get $a) (local.get $b0) (local.get $c00)))
        (local.set $c01 (f64x2.relaxed_madd (local.get $a) (local.get $b1) (local.get $c01)))
        (local.set $a (v128.load64_splat offset=8 (local.get $pa)))
        (local.set $c10 (f64x2.relaxed_madd (local.get $a) (local.get $b0) (local.get $c10)))
        (local.set $c11 (f64x2.relaxed_madd (local.get $a) (local.get $b1) (local.get $c11)))
        (local.set $a (v128.load64_splat offset=16 (local.get $pa)))
        (local.set $c20 (f64x2.relaxed_madd (local.get $a) (local.get $b0) (local.get $c20)))
        (local.set $c21 (f64x2.relaxed_madd (local.get $a) (local.get $b1) (local.get $c21)))
        (local.set $a (v128.load64_splat offset=24 (local.get $pa)))
        (local.set $c30 (f64x2.relaxed_madd (local.get $a) (local.get $b0) (local.get $c30)))
        (local.set $c31 (f64x2.relaxed_madd (local.get $a) (local.get $b1) (local.get $c31)))
        (local.set $pa (i32.add (local.get $pa) (i32.const 32)))
        (local.set $pb (i32.add (local.get $pb) (i32.const 32)))
        (br_if $exit (i32.ge_u (local.get $pa) (local.get $end)))
        (local.set $b0 (v128.load (local.get $pb)))
        (local.set $b1 (v128.load offset=16 (local.get $pb)))
        (local.set $a (v128.load64_splat (local.get $pa)))
        (local.set $c00 (f64x2.relaxed_madd (local.get $a) (local.get $b0) (local.get $c00)))
        (local.set $c01 (f64x2.relaxed_madd (local.get $a) (local.get $b1) (local.get $c01)))
        (local.set $a (v128.load64_splat offset=8 (local.get $pa)))
        (local.set $c10 (f64x2.relaxed_madd (local.get $a) (local.get $b0) (local.get $c10)))
        (local.set $c11 (f64x2.relaxed_madd (local.get $a) (local.get $b1) (local.get $c11)))
        (local.set $a (v128.load64_splat offset=16 (local.get $pa)))
        (local.set $c20 (f64x2.relaxed_madd (local.get $a) (local.get $b0) (local.get $c20)))
        (local.set $c21 (f64x2.relaxed_madd (local.get $a) (local.get $b1) (local.get $c21)))
        (local.set $a (v128.load64_splat offset=24 (local.get $pa)))
        (local.set $c30 (f64x2.relaxed_madd (local.get $a) (local.get $b0) (local.get $c30)))
        (local.set $c31 (f64x2.relaxed_madd (local.get $a) (local.get $b1) (local.get $c31)))
        (local.set $pa (i32.add (local.get $pa) (i32.const 32)))
        (local.set $pb (i32.add (local.get $pb) (i32.const 32)))
        (br_if $steps (i32.lt_u (local.get $pa) (local.get $end)))))
    (local.set $sv (f64x2.splat (local.get $sign)))
    (local.set $c00 (f64x2.mul (local.get $c00) (local.get $sv)))
    (local.set $c01 (f64x2.mul (local.get $c01) (local.get $sv)))
    (local.set $c10 (f64x2.mul (local.get $c10) (local.get $sv)))
    (local.set $c11 (f64x2.mul (local.get $c11) (local.get $sv)))
    (local.set $c20 (f64x2.mul (local.get $c20) (local.get $sv)))
    (local.set $c21 (f64x2.mul (local.get $c21) (local.get $sv)))
    (local.set $c30 (f64x2.mul (local.get $c30) (local.get $sv)))
    (local.set $c31 (f64x2.mul (local.get $c31) (local.get $sv)))
    (if (i32.and (i32.eq (local.get $mRem) (i32.const 4)) (i32.eq (local.get $nRem) (i32.const 4)))
      (then
        (local.set $p (local.get $out))
        (v128.store (local.get $p) (f64x2.add (v128.load (local.get $p)) (local.get $c00)))
        (v128.store offset=16 (local.get $p) (f64x2.add (v128.load offset=16 (local.get $p)) (local.get $c01)))
        (local.set $p (i32.add (local.get $p) (local.get $ldo)))
        (v128.store (local.get $p) (f64x2.add (v128.load (local.get $p)) (local.get $c10)))
        (v128.store offset=16 (local.get $p) (f64x2.add (v128.load offset=16 (local.get $p)) (local.get $c11)))
        (local.set $p (i32.add (local.get $p) (local.get $ldo)))
        (v128.store (local.get $p) (f64x2.add (v128.load (local.get $p)) (local.get $c20)))
        (v128.store offset=16 (local.get $p) (f64x2.add (v128.load offset=16 (local.get $p)) (local.get $c21)))
        (local.set $p (i32.add (local.get $p) (local.get $ldo)))
        (v128.store (local.get $p) (f64x2.add (v128.load (local.get $p)) (local.get $c30)))
        (v128.store offset=16 (local.get $p) (f64x2.add (v128.load offset=16 (local.get $p)) (local.get $c31)))
        (return)))
    ;; Edge block: through the scratch tile (row-major 4 × 4 at byte 0), only the part inside the matrix.
    (v128.store offset=0 (i32.const 0) (local.get $c00))
    (v128.store offset=16 (i32.const 0) (local.get $c01))
    (v128.store offset=32 (i32.const 0) (local.get $c10))
    (v128.store offset=48 (i32.const 0) (local.get $c11))
    (v128.store offset=64 (i32.const 0) (local.get $c20))
    (v128.store offset=80 (i32.const 0) (local.get $c21))
    (v128.store offset=96 (i32.const 0) (local.get $c30))
    (v128.store offset=112 (i32.const 0) (local.get $c31))
    (local.set $i (i32.const 0))
    (loop $rows
      (local.set $p (i32.add (local.get $out) (i32.mul (local.get $i) (local.get $ldo))))
      (local.set $j (i32.const 0))
      (loop $cols
        (f64.store (local.get $p)
          (f64.add (f64.load (local.get $p))
            (f64.load (i32.shl (i32.add (i32.shl (local.get $i) (i32.const 2)) (local.get $j)) (i32.const 3)))))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br_if $cols (i32.lt_u (local.get $j) (local.get $nRem))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $rows (i32.lt_u (local.get $i) (local.get $mRem)))))

  ;; out (m × n, row stride ldo elements) += sign · A·Bᵀ for one packed panel of `depth` steps. tri: 0 every
  ;; block, 1 only blocks touching the upper triangle, 2 only those touching the lower one (A and B the same).
  ;; ldo = 0 (with tri = 1) selects the tiled layout of gram instead: the 4 × 4 blocks (s, t ≥ s) of the upper
  ;; triangle stored whole and row-major, one after another in the order (0, 0), (0, 1), …, (1, 1), …; the
  ;; blocks then follow each other in memory as they are computed, instead of 4 rows apart.
  (func $multiply (export "multiply") (param $out i32) (param $ldo i32) (param $pa i32) (param $m i32) (param $pb i32)
    (param $n i32) (param $depth i32) (param $sign f64) (param $tri i32)
    (local $aS i32) (local $bS i32) (local $stride i32) (local $t0 i32) (local $t1 i32) (local $s i32)
    (local $t i32) (local $to i32) (local $mRem i32) (local $rowOut i32) (local $blockBytes i32)
    (local $ldoBytes i32)
    (local.set $aS (i32.shr_u (i32.add (local.get $m) (i32.const 3)) (i32.const 2)))
    (local.set $bS (i32.shr_u (i32.add (local.get $n) (i32.const 3)) (i32.const 2)))
    (if (i32.eqz (local.get $aS)) (then (return)))
    (local.set $stride (i32.add (i32.shl (local.get $depth) (i32.const 5)) (global.get $SLIVER_GAP)))
    ;; Row-major: 4 columns (32 bytes) per block, rows ldo apart. Tiled: 16 doubles per block, rows 32 bytes apart.
    (local.set $blockBytes (select (i32.const 32) (i32.const 128) (local.get $ldo)))
    (local.set $ldoBytes (select (i32.shl (local.get $ldo) (i32.const 3)) (i32.const 32) (local.get $ldo)))
    (local.set $t0 (i32.const 0))
    (block $done
      (loop $passes
        (br_if $done (i32.ge_u (local.get $t0) (local.get $bS)))
        (local.set $t1 (i32.add (local.get $t0) (global.get $STREAMED)))
        (if (i32.gt_u (local.get $t1) (local.get $bS)) (then (local.set $t1 (local.get $bS))))
        (local.set $s (i32.const 0))
        (loop $slivers
          (local.set $t (local.get $t0))
          (if (i32.and (i32.eq (local.get $tri) (i32.const 1)) (i32.gt_u (local.get $s) (local.get $t0)))
            (then (local.set $t (local.get $s))))
          (local.set $to (local.get $t1))
          (if (i32.and (i32.eq (local.get $tri) (i32.const 2))
                (i32.lt_u (i32.add (local.get $s) (i32.const 1)) (local.get $t1)))
            (then (local.set $to (i32.add (local.get $s) (i32.const 1)))))
          (local.set $mRem (i32.sub (local.get $m) (i32.shl (local.get $s) (i32.const 2))))
          (if (i32.gt_u (local.get $mRem) (i32.const 4)) (then (local.set $mRem (i32.const 4))))
          ;; Byte address of block (s, 0), whether or not it is stored; block (s, t) is blockBytes·t further.
          (if (local.get $ldo)
            (then
              (local.set $rowOut (i32.add (local.get $out)
                (i32.shl (i32.mul (i32.shl (local.get $s) (i32.const 2)) (local.get $ldo)) (i32.const 3)))))
            (else
              ;; Blocks before row s: s·bS − s(s − 1)/2; minus the s absent blocks (s, 0 … s − 1) of row s.
              (local.set $mRem (i32.const 4))
              (local.set $rowOut (i32.add (local.get $out)
                (i32.shl
                  (i32.sub (i32.mul (local.get $s) (local.get $bS))
                    (i32.shr_u (i32.mul (local.get $s) (i32.add (local.get $s) (i32.const 1))) (i32.const 1)))
                  (i32.const 7))))))
          (block $rowDone
            (loop $blocks
              (br_if $rowDone (i32.ge_u (local.get $t) (local.get $to)))
              (call $tile
                (i32.add (local.get $pa) (i32.mul (local.get $s) (local.get $stride)))
                (i32.add (local.get $pb) (i32.mul (local.get $t) (local.get $stride)))
                (local.get $depth)
                (i32.add (local.get $rowOut) (i32.mul (local.get $t) (local.get $blockBytes)))
                (local.get $ldoBytes)
                (local.get $sign)
                (local.get $mRem)
                (select (i32.const 4) (i32.sub (local.get $n) (i32.shl (local.get $t) (i32.const 2)))
                  (i32.or (i32.eqz (local.get $ldo))
                    (i32.ge_u (i32.sub (local.get $n) (i32.shl (local.get $t) (i32.const 2))) (i32.const 4)))))
              (local.set $t (i32.add (local.get $t) (i32.const 1)))
              (br $blocks)))
          (local.set $s (i32.add (local.get $s) (i32.const 1)))
          (br_if $slivers (i32.lt_u (local.get $s) (local.get $aS))))
        (local.set $t0 (local.get $t1))
        (br $passes))))

  ;; Packs `rows` rows of `depth` elements (row i at src + i·ld·8) into slivers at dst, zero-padding the last.
  (func $packRows (export "packRows") (param $src i32) (param $ld i32) (param $rows i32) (param $depth i32)
    (param $dst i32)
    (local $i i32) (local $t i32) (local $from i32) (local $to i32) (local $padded i32)
    (local.set $padded (i32.and (i32.add (local.get $rows) (i32.const 3)) (i32.const -4)))
    (local.set $i (i32.const 0))
    (block $done
      (loop $rowsLoop
        (br_if $done (i32.ge_u (local.get $i) (local.get $padded)))
        (local.set $to (i32.add (local.get $dst)
          (i32.add
            (i32.mul (i32.shr_u (local.get $i) (i32.const 2))
              (i32.add (i32.shl (local.get $depth) (i32.const 5)) (global.get $SLIVER_GAP)))
            (i32.shl (i32.and (local.get $i) (i32.const 3)) (i32.const 3)))))
        (local.set $from (i32.add (local.get $src) (i32.shl (i32.mul (local.get $i) (local.get $ld)) (i32.const 3))))
        (local.set $t (i32.const 0))
        (block $stepsDone
          (loop $steps
            (br_if $stepsDone (i32.ge_u (local.get $t) (local.get $depth)))
            (if (i32.lt_u (local.get $i) (local.get $rows))
              (then (f64.store (local.get $to) (f64.load (local.get $from))))
              (else (f64.store (local.get $to) (f64.const 0))))
            (local.set $to (i32.add (local.get $to) (i32.const 32)))
            (local.set $from (i32.add (local.get $from) (i32.const 8)))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $steps)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rowsLoop))))

  ;; Packs row t (`width` elements at src) of a panel of `depth` rows into step t of its slivers at dst (lanes
  ;; past width are 0). Row by row, right after each row is written: both stay in L1.
  (func (export "packRow") (param $src i32) (param $width i32) (param $t i32) (param $depth i32) (param $dst i32)
    (local $end i32) (local $stride i32) (local $q i32)
    (local.set $stride (i32.add (i32.shl (local.get $depth) (i32.const 5)) (global.get $SLIVER_GAP)))
    (local.set $dst (i32.add (local.get $dst) (i32.shl (local.get $t) (i32.const 5))))
    (local.set $end (i32.add (local.get $src) (i32.shl (i32.and (local.get $width) (i32.const -4)) (i32.const 3))))
    (block $slivered
      (loop $slivers
        (br_if $slivered (i32.ge_u (local.get $src) (local.get $end)))
        (v128.store (local.get $dst) (v128.load (local.get $src)))
        (v128.store offset=16 (local.get $dst) (v128.load offset=16 (local.get $src)))
        (local.set $src (i32.add (local.get $src) (i32.const 32)))
        (local.set $dst (i32.add (local.get $dst) (local.get $stride)))
        (br $slivers)))
    ;; The last, partial sliver.
    (if (i32.and (local.get $width) (i32.const 3))
      (then
        (loop $lanes
          (if (i32.lt_u (local.get $q) (i32.and (local.get $width) (i32.const 3)))
            (then (f64.store (local.get $dst) (f64.load (local.get $src))))
            (else (f64.store (local.get $dst) (f64.const 0))))
          (local.set $src (i32.add (local.get $src) (i32.const 8)))
          (local.set $dst (i32.add (local.get $dst) (i32.const 8)))
          (local.set $q (i32.add (local.get $q) (i32.const 1)))
          (br_if $lanes (i32.lt_u (local.get $q) (i32.const 4)))))))

  ;; out (m × n, ld ldo) += sign · A·Bᵀ with A (m × k, ld lda) and B (n × k, ld ldb) row-major; tri as in
  ;; multiply. pack: scratch for packedSize(m, min(k, 256)) + packedSize(n, min(k, 256)) doubles (the first
  ;; only when a = b).
  (func (export "gemm") (param $out i32) (param $ldo i32) (param $a i32) (param $lda i32) (param $b i32)
    (param $ldb i32) (param $m i32) (param $n i32) (param $k i32) (param $sign f64) (param $tri i32)
    (param $pack i32)
    (local $same i32) (local $packB i32) (local $k0 i32) (local $depth i32)
    (local.set $same (i32.and (i32.eq (local.get $a) (local.get $b)) (i32.eq (local.get $lda) (local.get $ldb))))
    (local.set $packB (local.get $pack))
    (if (i32.eqz (local.get $same))
      (then
        ;; Past the ⌈m/4⌉ slivers of A at the largest depth.
        (local.set $packB (i32.add (local.get $pack)
          (i32.mul (i32.shr_u (i32.add (local.get $m) (i32.const 3)) (i32.const 2))
            (i32.add (global.get $SLIVER_GAP)
              (i32.shl (select (global.get $DEPTH) (local.get $k) (i32.gt_u (local.get $k) (global.get $DEPTH)))
                (i32.const 5))))))))
    (local.set $k0 (i32.const 0))
    (block $done
      (loop $panels
        (br_if $done (i32.ge_u (local.get $k0) (local.get $k)))
        (local.set $depth (i32.sub (local.get $k) (local.get $k0)))
        (if (i32.gt_u (local.get $depth) (global.get $DEPTH)) (then (local.set $depth (global.get $DEPTH))))
        (call $packRows (i32.add (local.get $a) (i32.shl (local.get $k0) (i32.const 3))) (local.get $lda)
          (local.get $m) (local.get $depth) (local.get $pack))
        (if (i32.eqz (local.get $same))
          (then
            (call $packRows (i32.add (local.get $b) (i32.shl (local.get $k0) (i32.const 3))) (local.get $ldb)
              (local.get $n) (local.get $depth) (local.get $packB))))
        (call $multiply (local.get $out) (local.get $ldo) (local.get $pack) (local.get $m) (local.get $packB)
          (local.get $n) (local.get $depth) (local.get $sign) (local.get $tri))
        (local.set $k0 (i32.add (local.get $k0) (local.get $depth)))
        (br $panels))))

  ;; gram += sign · ZᵀZ for a panel Z of `depth` ≤ 256 rows of `width` columns, packed by packRow at pack; gram
  ;; is the upper triangle of a width × width matrix in the tiled layout of multiply (⌈width/4⌉(⌈width/4⌉ + 1)/2
  ;; blocks of 16 doubles, padding entries included).
  (func (export "gram") (param $gram i32) (param $width i32) (param $pack i32) (param $depth i32) (param $sign f64)
    (call $multiply (local.get $gram) (i32.const 0) (local.get $pack) (local.get $width) (local.get $pack)
      (local.get $width) (local.get $depth) (local.get $sign) (i32.const 1)))

  ;; Σ_t x[t]·y[t] over n elements.
  (func $dot (param $x i32) (param $y i32) (param $n i32) (result f64)
    (local $end i32) (local $s0 v128) (local $s1 v128) (local $s f64)
    (local.set $end (i32.add (local.get $x) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 3))))
    (block $done
      (loop $quads
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $s0 (f64x2.relaxed_madd (v128.load (local.get $x)) (v128.load (local.get $y)) (local.get $s0)))
        (local.set $s1
          (f64x2.relaxed_madd (v128.load offset=16 (local.get $x)) (v128.load offset=16 (local.get $y)) (local.get $s1)))
        (local.set $x (i32.add (local.get $x) (i32.const 32)))
        (local.set $y (i32.add (local.get $y) (i32.const 32)))
        (br $quads)))
    (local.set $s0 (f64x2.add (local.get $s0) (local.get $s1)))
    (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $s0)) (f64x2.extract_lane 1 (local.get $s0))))
    (local.set $end (i32.add (local.get $end) (i32.shl (i32.and (local.get $n) (i32.const 3)) (i32.const 3))))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $s (f64.add (local.get $s) (f64.mul (f64.load (local.get $x)) (f64.load (local.get $y)))))
        (local.set $x (i32.add (local.get $x) (i32.const 8)))
        (local.set $y (i32.add (local.get $y) (i32.const 8)))
        (br $tail)))
    (local.get $s))

  ;; Columns c0..c1 of L for rows c0..n − 1 (rows ld apart; Cholesky–Crout; the columns before c0 are already
  ;; subtracted from them): L_ij = (a_ij − Σ_{c0 ≤ k < j} L_ik L_jk) / L_jj and L_jj = √(a_jj − Σ L_jk²). Returns
  ;; the row of the first non-positive (or non-finite) pivot, or −1; updates minPivot/maxPivot.
  (func $crout (param $a i32) (param $n i32) (param $ld i32) (param $c0 i32) (param $c1 i32) (result i32)
    (local $i i32) (local $j i32) (local $jEnd i32) (local $ri i32) (local $rj i32) (local $d f64)
    (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $ld) (i32.const 3)))
    (local.set $i (local.get $c0))
    (loop $rowsLoop
      ;; Row i of the block column, from its column c0.
      (local.set $ri (i32.add (local.get $a)
        (i32.add (i32.mul (local.get $i) (local.get $rowBytes)) (i32.shl (local.get $c0) (i32.const 3)))))
      (local.set $jEnd (select (local.get $c1) (i32.add (local.get $i) (i32.const 1))
        (i32.lt_u (local.get $c1) (i32.add (local.get $i) (i32.const 1)))))
      (local.set $j (local.get $c0))
      (local.set $rj (i32.add (local.get $a)
        (i32.add (i32.mul (local.get $c0) (local.get $rowBytes)) (i32.shl (local.get $c0) (i32.const 3)))))
      (loop $cols
        ;; d = a[i][j] − Σ_{c0 ≤ k < j} a[i][k]·a[j][k]
        (local.set $d (f64.sub
          (f64.load (i32.add (local.get $ri) (i32.shl (i32.sub (local.get $j) (local.get $c0)) (i32.const 3))))
          (call $dot (local.get $ri) (local.get $rj) (i32.sub (local.get $j) (local.get $c0)))))
        (if (i32.eq (local.get $j) (local.get $i))
          (then
            (if (i32.eqz (i32.and (f64.gt (local.get $d) (f64.const 0)) (f64.lt (local.get $d) (f64.const inf))))
              (then (return (local.get $i))))
            (global.set $minPivot (f64.min (global.get $minPivot) (local.get $d)))
            (global.set $maxPivot (f64.max (global.get $maxPivot) (local.get $d)))
            (f64.store (i32.add (local.get $ri) (i32.shl (i32.sub (local.get $j) (local.get $c0)) (i32.const 3)))
              (f64.sqrt (local.get $d))))
          (else
            (f64.store (i32.add (local.get $ri) (i32.shl (i32.sub (local.get $j) (local.get $c0)) (i32.const 3)))
              (f64.div (local.get $d)
                (f64.load (i32.add (local.get $rj) (i32.shl (i32.sub (local.get $j) (local.get $c0)) (i32.const 3))))))))
        (local.set $rj (i32.add (local.get $rj) (local.get $rowBytes)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br_if $cols (i32.lt_u (local.get $j) (local.get $jEnd))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $rowsLoop (i32.lt_u (local.get $i) (local.get $n))))
    (i32.const -1))

  ;; The crout step for `count` rows below a diagonal block whose factor is known: row i (at rows + i·ld·8) gets
  ;; L_ij = (a_ij − Σ_{k < j} L_ik L_jk) / L_jj for 0 ≤ j < width, L_jk read from row j of diag (ldd apart). The
  ;; same operations, in the same order, as crout makes on such a row: a factorisation split by rows across
  ;; threads (src/learn/team) gives the bits of one thread.
  (func (export "croutRows") (param $rows i32) (param $ld i32) (param $count i32) (param $diag i32) (param $ldd i32)
    (param $width i32)
    (local $i i32) (local $j i32) (local $ri i32) (local $rj i32) (local $at i32)
    (block $done
      (loop $rowsLoop
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (local.set $ri (i32.add (local.get $rows) (i32.shl (i32.mul (local.get $i) (local.get $ld)) (i32.const 3))))
        (local.set $rj (local.get $diag))
        (local.set $j (i32.const 0))
        (block $colsDone
          (loop $cols
            (br_if $colsDone (i32.ge_u (local.get $j) (local.get $width)))
            (local.set $at (i32.shl (local.get $j) (i32.const 3)))
            (f64.store (i32.add (local.get $ri) (local.get $at))
              (f64.div
                (f64.sub (f64.load (i32.add (local.get $ri) (local.get $at)))
                  (call $dot (local.get $ri) (local.get $rj) (local.get $j)))
                (f64.load (i32.add (local.get $rj) (local.get $at)))))
            (local.set $rj (i32.add (local.get $rj) (i32.shl (local.get $ldd) (i32.const 3))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rowsLoop))))

  ;; a[r][r0 + c] −= Σ_{c0 ≤ k < c1} L_rk L_(r0 + c)k for rows r0 ≤ r < n (ld apart) and 0 ≤ c < width, in the
  ;; blocks of multiply that touch the lower triangle (rows r0… of columns c0..c1 packed at pack, depth c1 − c0).
  (func $subtractProducts (param $a i32) (param $n i32) (param $ld i32) (param $r0 i32) (param $c0 i32)
    (param $c1 i32) (param $width i32) (param $pack i32)
    (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $ld) (i32.const 3)))
    (call $packRows
      (i32.add (local.get $a)
        (i32.add (i32.mul (local.get $r0) (local.get $rowBytes)) (i32.shl (local.get $c0) (i32.const 3))))
      (local.get $ld) (i32.sub (local.get $n) (local.get $r0)) (i32.sub (local.get $c1) (local.get $c0))
      (local.get $pack))
    (call $multiply
      (i32.add (local.get $a)
        (i32.add (i32.mul (local.get $r0) (local.get $rowBytes)) (i32.shl (local.get $r0) (i32.const 3))))
      (local.get $ld) (local.get $pack) (i32.sub (local.get $n) (local.get $r0)) (local.get $pack) (local.get $width)
      (i32.sub (local.get $c1) (local.get $c0)) (f64.const -1) (i32.const 2)))

  ;; In-place Cholesky A = L·Lᵀ of the row-major n × n matrix at a (lower triangle; the upper one is scratch
  ;; inside the 4 × 4 diagonal blocks of the updates). Right-looking with block columns of NB2 columns, each
  ;; factored as NB-column sub-blocks (the earlier sub-blocks subtracted from a sub-block by multiply, then
  ;; Crout); the trailing matrix is then updated A22 −= L21·L21ᵀ by multiply with NB2-step panels, which keeps
  ;; the time spent on each 4 × 4 output block small against its multiply–adds.
  ;; Rows ld apart (ld ≥ n: a diagonal block of a larger matrix is factored in place). pack: scratch for
  ;; ⌈n/4⌉·4·NB2 doubles. Returns the row of the first non-positive (or non-finite) pivot, or −1;
  ;; minPivot/maxPivot hold the pivots (L_jj²), or +∞ and 0 after a failure.
  (func (export "cholesky") (param $a i32) (param $n i32) (param $ld i32) (param $pack i32) (result i32)
    (local $j0 i32) (local $j1 i32) (local $k0 i32) (local $k1 i32) (local $failed i32)
    (global.set $minPivot (f64.const inf))
    (global.set $maxPivot (f64.const 0))
    (local.set $j0 (i32.const 0))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $j0) (local.get $n)))
        (local.set $j1 (i32.add (local.get $j0) (global.get $NB2)))
        (if (i32.gt_u (local.get $j1) (local.get $n)) (then (local.set $j1 (local.get $n))))
        (local.set $k0 (local.get $j0))
        (loop $subBlocks
          (local.set $k1 (i32.add (local.get $k0) (global.get $NB)))
          (if (i32.gt_u (local.get $k1) (local.get $j1)) (then (local.set $k1 (local.get $j1))))
          (if (i32.gt_u (local.get $k0) (local.get $j0))
            (then
              (call $subtractProducts (local.get $a) (local.get $n) (local.get $ld) (local.get $k0) (local.get $j0)
                (local.get $k0) (i32.sub (local.get $k1) (local.get $k0)) (local.get $pack))))
          (local.set $failed
            (call $crout (local.get $a) (local.get $n) (local.get $ld) (local.get $k0) (local.get $k1)))
          (if (i32.ge_s (local.get $failed) (i32.const 0))
            (then (global.set $minPivot (f64.const inf)) (global.set $maxPivot (f64.const 0))
              (return (local.get $failed))))
          (local.set $k0 (local.get $k1))
          (br_if $subBlocks (i32.lt_u (local.get $k0) (local.get $j1))))
        (if (i32.lt_u (local.get $j1) (local.get $n))
          (then
            (call $subtractProducts (local.get $a) (local.get $n) (local.get $ld) (local.get $j1) (local.get $j0)
              (local.get $j1) (i32.sub (local.get $n) (local.get $j1)) (local.get $pack))))
        (local.set $j0 (local.get $j1))
        (br $blocks)))
    (i32.const -1))

  ;; out[i·cols + j] += Σ_r coefs[i·rows + r] · x[r·cols + j] for i < count, j < cols, the rows r of x taken in order
  ;; (each row read once, while it is in L1, for all count combinations): linear combinations of rows, such as the
  ;; weights Xᵀa of ridge models solved in the dual. x: rows × cols, coefs: count × rows, out: count × cols, all
  ;; row-major, byte pointers; rows and count ≥ 1, cols ≥ 2 and even (a padding column's sums are its own), so
  ;; every entry of out is one multiply–add per row, fused or not as the build's.
  (func (export "addRowCombinations") (param $x i32) (param $rows i32) (param $cols i32) (param $coefs i32)
    (param $count i32) (param $out i32)
    (local $r i32) (local $i i32) (local $rowBytes i32) (local $row i32) (local $end i32) (local $p i32) (local $o i32)
    (local $cs v128)
    (local.set $rowBytes (i32.shl (local.get $cols) (i32.const 3)))
    (loop $rowsLoop
      (local.set $row (i32.add (local.get $x) (i32.mul (local.get $r) (local.get $rowBytes))))
      (local.set $end (i32.add (local.get $row) (local.get $rowBytes)))
      (local.set $i (i32.const 0))
      (loop $combinations
        (local.set $cs (v128.load64_splat (i32.add (local.get $coefs)
          (i32.shl (i32.add (i32.mul (local.get $i) (local.get $rows)) (local.get $r)) (i32.const 3)))))
        (local.set $p (local.get $row))
        (local.set $o (i32.add (local.get $out) (i32.mul (local.get $i) (local.get $rowBytes))))
        (loop $pairs
          (v128.store (local.get $o)
            (f64x2.relaxed_madd (v128.load (local.get $p)) (local.get $cs) (v128.load (local.get $o))))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (local.set $o (i32.add (local.get $o) (i32.const 16)))
          (br_if $pairs (i32.lt_u (local.get $p) (local.get $end))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $combinations (i32.lt_u (local.get $i) (local.get $count))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br_if $rowsLoop (i32.lt_u (local.get $r) (local.get $rows)))))

  ;; Power-spectrum sums of the feature engine (src/lode/products.ts), all l at once: for l = 0..lMax and every
  ;; 4 × 4 block of channels (q1, q2), out[(l·ldq + q1)·ldq + q2] = Σ_b Σ_m c1[b, l² + m, q1] · c2[b, l² + m, q2].
  ;; c1, c2: byte pointers to coefficients stored per centre as (l, m) rows of ldq doubles (ldq a multiple of 4,
  ;; missing channels 0); bases: byte pointer to nBases i32 byte offsets of the centres (≥ 1); upper = 1 computes
  ;; only the blocks with q2 ≥ q1 (a symmetric product). Stores out, does not add to it; packPowerSpectrum orders it.
  (func (export "powerSpectrum") (param $c1 i32) (param $c2 i32) (param $bases i32) (param $nBases i32)
    (param $lMax i32) (param $ldq i32) (param $out i32) (param $upper i32)
    (local $rowBytes i32) (local $l i32) (local $lo i32) (local $rows i32) (local $q1 i32) (local $q2 i32)
    (local $b i32) (local $base i32) (local $p1 i32) (local $p2 i32) (local $end i32) (local $o i32)
    (local $a v128) (local $b0 v128) (local $b1 v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local.set $rowBytes (i32.shl (local.get $ldq) (i32.const 3)))
    (loop $degrees
      (local.set $lo (i32.mul (i32.mul (local.get $l) (local.get $l)) (local.get $rowBytes)))
      (local.set $rows (i32.add (i32.shl (local.get $l) (i32.const 1)) (i32.const 1)))
      (local.set $q1 (i32.const 0))
      (loop $rowBlocks
        (local.set $q2 (select (local.get $q1) (i32.const 0) (local.get $upper)))
        (loop $columnBlocks
          (local.set $c00 (v128.const i64x2 0 0))
          (local.set $c01 (v128.const i64x2 0 0))
          (local.set $c10 (v128.const i64x2 0 0))
          (local.set $c11 (v128.const i64x2 0 0))
          (local.set $c20 (v128.const i64x2 0 0))
          (local.set $c21 (v128.const i64x2 0 0))
          (local.set $c30 (v128.const i64x2 0 0))
          (local.set $c31 (v128.const i64x2 0 0))
          (local.set $b (i32.const 0))
          (loop $centres
            (local.set $base (i32.add (i32.load (i32.add (local.get $bases) (i32.shl (local.get $b) (i32.const 2))))
              (local.get $lo)))
            (local.set $p1 (i32.add (i32.add (local.get $c1) (local.get $base)) (i32.shl (local.get $q1) (i32.const 3))))
            (local.set $p2 (i32.add (i32.add (local.get $c2) (local.get $base)) (i32.shl (local.get $q2) (i32.const 3))))
            (local.set $end (i32.add (local.get $p1) (i32.mul (local.get $rows) (local.get $rowBytes))))
            (loop $steps
              (local.set $b0 (v128.load (local.get $p2)))
              (local.set $b1 (v128.load offset=16 (local.get $p2)))
              (local.set $a (v128.load64_splat (local.get $p1)))
              (local.set $c00 (f64x2.relaxed_madd (local.get $a) (local.get $b0) (local.get $c00)))
              (local.set $c01 (f64x2.relaxed_madd (local.get $a) (local.get $b1) (local.get $c01)))
              (local.set $a (v128.load64_splat offset=8 (local.get $p1)))
              (local.set $c10 (f64x2.relaxed_madd (local.get $a) (local.get $b0) (local.get $c10)))
              (local.set $c11 (f64x2.relaxed_madd (local.get $a) (local.get $b1) (local.get $c11)))
              (local.set $a (v128.load64_splat offset=16 (local.get $p1)))
              (local.set $c20 (f64x2.relaxed_madd (local.get $a) (local.get $b0) (local.get $c20)))
              (local.set $c21 (f64x2.relaxed_madd (local.get $a) (local.get $b1) (local.get $c21)))
              (local.set $a (v128.load64_splat offset=24 (local.get $p1)))
              (local.set $c30 (f64x2.relaxed_madd (local.get $a) (local.get $b0) (local.get $c30)))
              (local.set $c31 (f64x2.relaxed_madd (local.get $a) (local.get $b1) (local.get $c31)))
              (local.set $p1 (i32.add (local.get $p1) (local.get $rowBytes)))
              (local.set $p2 (i32.add (local.get $p2) (local.get $rowBytes)))
              (br_if $steps (i32.lt_u (local.get $p1) (local.get $end))))
            (local.set $b (i32.add (local.get $b) (i32.const 1)))
            (br_if $centres (i32.lt_u (local.get $b) (local.get $nBases))))
          (local.set $o (i32.add (local.get $out) (i32.shl
            (i32.add (i32.mul (i32.add (i32.mul (local.get $l) (local.get $ldq)) (local.get $q1)) (local.get $ldq))
              (local.get $q2))
            (i32.const 3))))
          (v128.store (local.get $o) (local.get $c00))
          (v128.store offset=16 (local.get $o) (local.get $c01))
          (local.set $o (i32.add (local.get $o) (local.get $rowBytes)))
          (v128.store (local.get $o) (local.get $c10))
          (v128.store offset=16 (local.get $o) (local.get $c11))
          (local.set $o (i32.add (local.get $o) (local.get $rowBytes)))
          (v128.store (local.get $o) (local.get $c20))
          (v128.store offset=16 (local.get $o) (local.get $c21))
          (local.set $o (i32.add (local.get $o) (local.get $rowBytes)))
          (v128.store (local.get $o) (local.get $c30))
          (v128.store offset=16 (local.get $o) (local.get $c31))
          (local.set $q2 (i32.add (local.get $q2) (i32.const 4)))
          (br_if $columnBlocks (i32.lt_u (local.get $q2) (local.get $ldq))))
        (local.set $q1 (i32.add (local.get $q1) (i32.const 4)))
        (br_if $rowBlocks (i32.lt_u (local.get $q1) (local.get $ldq))))
      (local.set $l (i32.add (local.get $l) (i32.const 1)))
      (br_if $degrees (i32.le_u (local.get $l) (local.get $lMax)))))

;; powerSpectrum's sums (ldq × ldq per l) in the feature engine's column order, each times its column factor:
  ;; packed[j] = sums[(l·ldq + q1)·ldq + q2] · scale[j], j = l·pairs + pair, over the channel pairs (q1, q2) of
  ;; products.ts channelPairs (q2 ≥ q1 when upper = 1) for q1, q2 < channels. sums, scale, packed: byte pointers.
  (func (export "packPowerSpectrum") (param $sums i32) (param $scale i32) (param $packed i32) (param $lMax i32)
    (param $channels i32) (param $ldq i32) (param $upper i32)
    (local $l i32) (local $q1 i32) (local $first i32) (local $s i32) (local $end i32)
    (loop $degrees
      (local.set $q1 (i32.const 0))
      (loop $rows
        ;; Row q1's pairs are one run in both layouts: q2 = first..channels − 1.
        (local.set $first (select (local.get $q1) (i32.const 0) (local.get $upper)))
        (local.set $s (i32.add (local.get $sums) (i32.shl
          (i32.add (i32.mul (i32.add (i32.mul (local.get $l) (local.get $ldq)) (local.get $q1)) (local.get $ldq))
            (local.get $first))
          (i32.const 3))))
        (local.set $end (i32.add (local.get $packed)
          (i32.shl (i32.sub (local.get $channels) (local.get $first)) (i32.const 3))))
        (block $pairsDone
          (loop $pairs
            (br_if $pairsDone (i32.gt_u (i32.add (local.get $packed) (i32.const 16)) (local.get $end)))
            (v128.store (local.get $packed) (f64x2.mul (v128.load (local.get $s)) (v128.load (local.get $scale))))
            (local.set $packed (i32.add (local.get $packed) (i32.const 16)))
            (local.set $scale (i32.add (local.get $scale) (i32.const 16)))
            (local.set $s (i32.add (local.get $s) (i32.const 16)))
            (br $pairs)))
        (if (i32.lt_u (local.get $packed) (local.get $end))
          (then
            (f64.store (local.get $packed) (f64.mul (f64.load (local.get $s)) (f64.load (local.get $scale))))
            (local.set $packed (i32.add (local.get $packed) (i32.const 8)))
            (local.set $scale (i32.add (local.get $scale) (i32.const 8)))))
        (local.set $q1 (i32.add (local.get $q1) (i32.const 1)))
        (br_if $rows (i32.lt_u (local.get $q1) (local.get $channels))))
      (local.set $l (i32.add (local.get $l) (i32.const 1)))
      (br_if $degrees (i32.le_u (local.get $l) (local.get $lMax)))))

    ;; The radial table's cubic Hermite interpolant F_nl(d) of $expandPair (evaluateRadialTable below the table's end, bit
  ;; for bit) into radial (width = nMax·(lMax + 1) doubles, 16-byte aligned).
  (func $radialValues (param $knots i32) (param $spacing f64) (param $lastKnot i32) (param $d f64) (param $width i32)
    (param $radial i32)
    (local $x f64) (local $k f64) (local $t f64) (local $t2 f64) (local $t3 f64)
    (local $h00 f64) (local $h10 f64) (local $h01 f64) (local $h11 f64)
    (local $v00 v128) (local $v10 v128) (local $v01 v128) (local $v11 v128)
    (local $p0 i32) (local $p1 i32) (local $out i32) (local $end i32) (local $pairsEnd i32) (local $yy v128)
    (local $a v128) (local $b v128)
    (local.set $x (f64.div (local.get $d) (local.get $spacing)))
    (local.set $k (f64.min (f64.floor (local.get $x)) (f64.convert_i32_s (local.get $lastKnot))))
    (local.set $t (f64.sub (local.get $x) (local.get $k)))
    (local.set $t2 (f64.mul (local.get $t) (local.get $t)))
    (local.set $t3 (f64.mul (local.get $t2) (local.get $t)))
    (local.set $h00 (f64.add (f64.sub (f64.mul (f64.const 2) (local.get $t3)) (f64.mul (f64.const 3) (local.get $t2)))
      (f64.const 1)))
    (local.set $h10 (f64.add (f64.sub (local.get $t3) (f64.mul (f64.const 2) (local.get $t2))) (local.get $t)))
    (local.set $h01 (f64.add (f64.mul (f64.const -2) (local.get $t3)) (f64.mul (f64.const 3) (local.get $t2))))
    (local.set $h11 (f64.sub (local.get $t3) (local.get $t2)))
    ;; Knots k and k + 1: (value, h·slope) pairs of width entries each; two entries at a time, split into a vector
    ;; of values and one of slopes.
    (local.set $p0 (i32.add (local.get $knots)
      (i32.shl (i32.mul (i32.trunc_f64_s (local.get $k)) (local.get $width)) (i32.const 4))))
    (local.set $p1 (i32.add (local.get $p0) (i32.shl (local.get $width) (i32.const 4))))
    (local.set $out (local.get $radial))
    (local.set $end (i32.add (local.get $radial) (i32.shl (local.get $width) (i32.const 3))))
    (local.set $pairsEnd (i32.sub (local.get $end) (i32.and (i32.shl (local.get $width) (i32.const 3)) (i32.const 8))))
    (local.set $v00 (f64x2.splat (local.get $h00)))
    (local.set $v10 (f64x2.splat (local.get $h10)))
    (local.set $v01 (f64x2.splat (local.get $h01)))
    (local.set $v11 (f64x2.splat (local.get $h11)))
    (block $pairsDone
      (br_if $pairsDone (i32.ge_u (local.get $out) (local.get $pairsEnd)))
      (loop $pairs
        (local.set $a (v128.load (local.get $p0)))
        (local.set $b (v128.load offset=16 (local.get $p0)))
        (local.set $yy (f64x2.add
          (f64x2.mul (local.get $v00)
            (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $a) (local.get $b)))
          (f64x2.mul (local.get $v10)
            (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $a) (local.get $b)))))
        (local.set $a (v128.load (local.get $p1)))
        (local.set $b (v128.load offset=16 (local.get $p1)))
        (local.set $yy (f64x2.add (local.get $yy) (f64x2.mul (local.get $v01)
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $a) (local.get $b)))))
        (local.set $yy (f64x2.add (local.get $yy) (f64x2.mul (local.get $v11)
          (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $a) (local.get $b)))))
        (v128.store (local.get $out) (local.get $yy))
        (local.set $p0 (i32.add (local.get $p0) (i32.const 32)))
        (local.set $p1 (i32.add (local.get $p1) (i32.const 32)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br_if $pairs (i32.lt_u (local.get $out) (local.get $pairsEnd)))))
    (if (i32.lt_u (local.get $out) (local.get $end))
      (then
        (f64.store (local.get $out) (f64.add (f64.add (f64.add
          (f64.mul (local.get $h00) (f64.load (local.get $p0)))
          (f64.mul (local.get $h10) (f64.load offset=8 (local.get $p0))))
          (f64.mul (local.get $h01) (f64.load (local.get $p1))))
          (f64.mul (local.get $h11) (f64.load offset=8 (local.get $p1))))))))

  ;; One neighbour's term of the feature engine's expansion (src/lode/expansion.ts), as its TypeScript loops compute
  ;; it, bit for bit: the radial table's cubic Hermite interpolant F_nl(d) (evaluateRadialTable), then
  ;; c[lm·ldc + n] += F_nl(d) · Y_lm for every (l, m, n). Every sum in the same order, multiplies and adds apart.
  ;; knots: byte pointer to RadialTable.knots; lastKnot = knotCount − 2; d below the table's end; ylm: (lMax + 1)²
  ;; harmonics; coeffs: byte pointer to the neighbour's channel in its centre's (l, m) rows of ldc doubles;
  ;; radial: nMax·(lMax + 1) doubles of scratch, 16-byte aligned.
  (func $expandPair (param $knots i32) (param $spacing f64) (param $lastKnot i32) (param $d f64)
    (param $nMax i32) (param $lMax i32) (param $ylm i32) (param $coeffs i32) (param $ldc i32) (param $radial i32)
    (local $out i32) (local $l i32) (local $lm i32) (local $lmEnd i32) (local $row i32) (local $r i32)
    (local $rowEnd i32) (local $rowPairsEnd i32) (local $y f64) (local $yy v128)
    (call $radialValues (local.get $knots) (local.get $spacing) (local.get $lastKnot) (local.get $d)
      (i32.mul (local.get $nMax) (i32.add (local.get $lMax) (i32.const 1))) (local.get $radial))
    ;; The rank-1 update, row (l, m) by row: F_l· (nMax values at radial + 8·l·nMax) times Y_lm.
    (local.set $ldc (i32.shl (local.get $ldc) (i32.const 3)))
    (local.set $row (local.get $coeffs))
    (local.set $l (i32.const 0))
    (loop $degrees
      (local.set $lmEnd (i32.add (local.get $lm) (i32.add (i32.shl (local.get $l) (i32.const 1)) (i32.const 1))))
      (loop $orders
        (local.set $y (f64.load (i32.add (local.get $ylm) (i32.shl (local.get $lm) (i32.const 3)))))
        (local.set $yy (f64x2.splat (local.get $y)))
        (local.set $r (i32.add (local.get $radial) (i32.shl (i32.mul (local.get $l) (local.get $nMax)) (i32.const 3))))
        (local.set $rowEnd (i32.add (local.get $row) (i32.shl (local.get $nMax) (i32.const 3))))
        (local.set $rowPairsEnd
          (i32.sub (local.get $rowEnd) (i32.and (i32.shl (local.get $nMax) (i32.const 3)) (i32.const 8))))
        (local.set $out (local.get $row))
        (block $rowPairsDone
          (br_if $rowPairsDone (i32.ge_u (local.get $out) (local.get $rowPairsEnd)))
          (loop $rowPairs
            (v128.store (local.get $out)
              (f64x2.add (v128.load (local.get $out)) (f64x2.mul (v128.load (local.get $r)) (local.get $yy))))
            (local.set $out (i32.add (local.get $out) (i32.const 16)))
            (local.set $r (i32.add (local.get $r) (i32.const 16)))
            (br_if $rowPairs (i32.lt_u (local.get $out) (local.get $rowPairsEnd)))))
        (if (i32.lt_u (local.get $out) (local.get $rowEnd))
          (then (f64.store (local.get $out)
            (f64.add (f64.load (local.get $out)) (f64.mul (f64.load (local.get $r)) (local.get $y))))))
        (local.set $row (i32.add (local.get $row) (local.get $ldc)))
        (local.set $lm (i32.add (local.get $lm) (i32.const 1)))
        (br_if $orders (i32.lt_u (local.get $lm) (local.get $lmEnd))))
      (local.set $l (i32.add (local.get $l) (i32.const 1)))
      (br_if $degrees (i32.le_u (local.get $l) (local.get $lMax)))))

  ;; The potential's multipole tails of one centre (flushMultipoles in src/lode/expansion.ts), bit for bit:
  ;; c[lm·ldc + a·nMax + n] += tail[l·nMax + n] · sums[a·(lMax + 1)² + lm] for every species a and (l, m) with a
  ;; non-zero sum, then clears the sums. sums, tail, coeffs: byte pointers (coeffs to the centre's first row).
  (func (export "flushMultipoles") (param $sums i32) (param $species i32) (param $tail i32) (param $coeffs i32)
    (param $nMax i32) (param $lMax i32) (param $ldc i32)
    (local $a i32) (local $l i32) (local $lm i32) (local $lmEnd i32) (local $m f64) (local $mm v128)
    (local $s i32) (local $t i32) (local $out i32) (local $rowEnd i32) (local $rowPairsEnd i32) (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $nMax) (i32.const 3)))
    (local.set $ldc (i32.shl (local.get $ldc) (i32.const 3)))
    (local.set $s (local.get $sums))
    (loop $species
      (local.set $l (i32.const 0))
      (local.set $lm (i32.const 0))
      (loop $degrees
        (local.set $lmEnd (i32.add (local.get $lm) (i32.add (i32.shl (local.get $l) (i32.const 1)) (i32.const 1))))
        (loop $orders
          (local.set $m (f64.load (local.get $s)))
          (if (f64.ne (local.get $m) (f64.const 0))
            (then
              (local.set $mm (f64x2.splat (local.get $m)))
              (local.set $t (i32.add (local.get $tail) (i32.mul (local.get $l) (local.get $rowBytes))))
              (local.set $out (i32.add (local.get $coeffs)
                (i32.add (i32.mul (local.get $lm) (local.get $ldc)) (i32.mul (local.get $a) (local.get $rowBytes)))))
              (local.set $rowEnd (i32.add (local.get $out) (local.get $rowBytes)))
              (local.set $rowPairsEnd (i32.sub (local.get $rowEnd) (i32.and (local.get $rowBytes) (i32.const 8))))
              (block $rowPairsDone
                (br_if $rowPairsDone (i32.ge_u (local.get $out) (local.get $rowPairsEnd)))
                (loop $rowPairs
                  (v128.store (local.get $out)
                    (f64x2.add (v128.load (local.get $out)) (f64x2.mul (v128.load (local.get $t)) (local.get $mm))))
                  (local.set $out (i32.add (local.get $out) (i32.const 16)))
                  (local.set $t (i32.add (local.get $t) (i32.const 16)))
                  (br_if $rowPairs (i32.lt_u (local.get $out) (local.get $rowPairsEnd)))))
              (if (i32.lt_u (local.get $out) (local.get $rowEnd))
                (then (f64.store (local.get $out)
                  (f64.add (f64.load (local.get $out)) (f64.mul (f64.load (local.get $t)) (local.get $m))))))))
          (f64.store (local.get $s) (f64.const 0))
          (local.set $s (i32.add (local.get $s) (i32.const 8)))
          (local.set $lm (i32.add (local.get $lm) (i32.const 1)))
          (br_if $orders (i32.lt_u (local.get $lm) (local.get $lmEnd))))
        (local.set $l (i32.add (local.get $l) (i32.const 1)))
        (br_if $degrees (i32.le_u (local.get $l) (local.get $lMax))))
      (local.set $a (i32.add (local.get $a) (i32.const 1)))
      (br_if $species (i32.lt_u (local.get $a) (local.get $species)))))

  ;; The real spherical harmonics Y_lm of the direction of (x, y, z) into out[l² + l + m], l ≤ lMax, bit for bit as
  ;; realSphericalHarmonics (src/lode/spherical-harmonics.ts) computes them: the normalised associated Legendre
  ;; functions q by their recursion (coefficients a, b at [l² + m] and diag at [m], from recursionFor) into the
  ;; scratch q, then the powers of (ux + i uy). All pointers are byte pointers to (lMax + 1)² doubles (diag: lMax + 1).
  (func $harmonics (param $lMax i32) (param $x f64) (param $y f64) (param $z f64)
    (param $a i32) (param $b i32) (param $diag i32) (param $q i32) (param $out i32)
    (local $inv f64) (local $ux f64) (local $uy f64) (local $uz f64) (local $c f64) (local $s f64) (local $c2 f64)
    (local $cm f64) (local $sm f64) (local $ql f64) (local $l i32) (local $m i32) (local $k i32) (local $at i32)
    (local.set $inv (f64.div (f64.const 1) (f64.sqrt (f64.add (f64.add
      (f64.mul (local.get $x) (local.get $x)) (f64.mul (local.get $y) (local.get $y)))
      (f64.mul (local.get $z) (local.get $z))))))
    (local.set $ux (f64.mul (local.get $x) (local.get $inv)))
    (local.set $uy (f64.mul (local.get $y) (local.get $inv)))
    (local.set $uz (f64.mul (local.get $z) (local.get $inv)))
    ;; q[m² + m] = diag[m], q[(m + 1)² + m] = uz·√(2m + 3)·diag[m].
    (loop $diagonal
      (local.set $ql (f64.load (i32.add (local.get $diag) (i32.shl (local.get $m) (i32.const 3)))))
      (f64.store (i32.add (local.get $q) (i32.shl (i32.add (i32.mul (local.get $m) (local.get $m)) (local.get $m))
        (i32.const 3))) (local.get $ql))
      (if (i32.le_u (i32.add (local.get $m) (i32.const 1)) (local.get $lMax))
        (then
          (local.set $k (i32.add (local.get $m) (i32.const 1)))
          (f64.store (i32.add (local.get $q) (i32.shl (i32.add (i32.mul (local.get $k) (local.get $k)) (local.get $m))
            (i32.const 3)))
            (f64.mul (f64.mul (local.get $uz)
              (f64.sqrt (f64.convert_i32_s (i32.add (i32.shl (local.get $m) (i32.const 1)) (i32.const 3)))))
              (local.get $ql)))))
      (local.set $m (i32.add (local.get $m) (i32.const 1)))
      (br_if $diagonal (i32.le_u (local.get $m) (local.get $lMax))))
    ;; q[l² + m] = a[l² + m]·(uz·q[(l − 1)² + m] − b[l² + m]·q[(l − 2)² + m]) for l ≥ 2, m ≤ l − 2.
    (local.set $l (i32.const 2))
    (block $recursionDone
      (br_if $recursionDone (i32.lt_u (local.get $lMax) (i32.const 2)))
      (loop $degrees
        (local.set $m (i32.const 0))
        (loop $orders
          (local.set $k (i32.shl (i32.add (i32.mul (local.get $l) (local.get $l)) (local.get $m)) (i32.const 3)))
          (f64.store (i32.add (local.get $q) (local.get $k))
            (f64.mul (f64.load (i32.add (local.get $a) (local.get $k)))
              (f64.sub
                (f64.mul (local.get $uz) (f64.load (i32.add (local.get $q) (i32.shl
                  (i32.add (i32.mul (i32.sub (local.get $l) (i32.const 1)) (i32.sub (local.get $l) (i32.const 1)))
                    (local.get $m)) (i32.const 3)))))
                (f64.mul (f64.load (i32.add (local.get $b) (local.get $k)))
                  (f64.load (i32.add (local.get $q) (i32.shl
                    (i32.add (i32.mul (i32.sub (local.get $l) (i32.const 2)) (i32.sub (local.get $l) (i32.const 2)))
                      (local.get $m)) (i32.const 3))))))))
          (local.set $m (i32.add (local.get $m) (i32.const 1)))
          (br_if $orders (i32.le_u (local.get $m) (i32.sub (local.get $l) (i32.const 2)))))
        (local.set $l (i32.add (local.get $l) (i32.const 1)))
        (br_if $degrees (i32.le_u (local.get $l) (local.get $lMax)))))
    ;; out[l² + l ± m] = √2·(c, s)·q[l² + m] with c + i s = (ux + i uy)^m; out[l² + l] = q[l²].
    (local.set $c (f64.const 1))
    (local.set $s (f64.const 0))
    (local.set $m (i32.const 0))
    (loop $powers
      (local.set $l (local.get $m))
      (local.set $cm (f64.mul (f64.sqrt (f64.const 2)) (local.get $c)))
      (local.set $sm (f64.mul (f64.sqrt (f64.const 2)) (local.get $s)))
      (loop $degrees
        (local.set $k (i32.add (i32.mul (local.get $l) (local.get $l)) (local.get $l)))
        (local.set $ql (f64.load (i32.add (local.get $q) (i32.shl (i32.add (i32.mul (local.get $l) (local.get $l))
          (local.get $m)) (i32.const 3)))))
        (local.set $at (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 3))))
        (if (i32.eqz (local.get $m))
          (then (f64.store (local.get $at) (local.get $ql)))
          (else
            (f64.store (i32.add (local.get $at) (i32.shl (local.get $m) (i32.const 3)))
              (f64.mul (local.get $cm) (local.get $ql)))
            (f64.store (i32.sub (local.get $at) (i32.shl (local.get $m) (i32.const 3)))
              (f64.mul (local.get $sm) (local.get $ql)))))
        (local.set $l (i32.add (local.get $l) (i32.const 1)))
        (br_if $degrees (i32.le_u (local.get $l) (local.get $lMax))))
      (local.set $c2 (f64.sub (f64.mul (local.get $c) (local.get $ux)) (f64.mul (local.get $s) (local.get $uy))))
      (local.set $s (f64.add (f64.mul (local.get $c) (local.get $uy)) (f64.mul (local.get $s) (local.get $ux))))
      (local.set $c (local.get $c2))
      (local.set $m (i32.add (local.get $m) (i32.const 1)))
      (br_if $powers (i32.le_u (local.get $m) (local.get $lMax)))))

  ;; sums[lm] += d^{−(l+1)}·ylm[lm] for l ≤ lMax (addMultipole in src/lode/expansion.ts, bit for bit); byte pointers.
  (func $addMultipole (param $sums i32) (param $lMax i32) (param $d f64) (param $ylm i32)
    (local $inv f64) (local $pow f64) (local $l i32) (local $lm i32) (local $lmEnd i32) (local $at i32)
    (local.set $inv (f64.div (f64.const 1) (local.get $d)))
    (local.set $pow (local.get $inv))
    (loop $degrees
      (local.set $lmEnd (i32.add (local.get $lm) (i32.add (i32.shl (local.get $l) (i32.const 1)) (i32.const 1))))
      (loop $orders
        (local.set $at (i32.shl (local.get $lm) (i32.const 3)))
        (f64.store (i32.add (local.get $sums) (local.get $at)) (f64.add
          (f64.load (i32.add (local.get $sums) (local.get $at)))
          (f64.mul (local.get $pow) (f64.load (i32.add (local.get $ylm) (local.get $at))))))
        (local.set $lm (i32.add (local.get $lm) (i32.const 1)))
        (br_if $orders (i32.lt_u (local.get $lm) (local.get $lmEnd))))
      (local.set $pow (f64.mul (local.get $pow) (local.get $inv)))
      (local.set $l (i32.add (local.get $l) (i32.const 1)))
      (br_if $degrees (i32.le_u (local.get $l) (local.get $lMax)))))

  ;; The expansion of one centre (the pair loop of expandStructure in src/lode/expansion.ts, bit for bit). context:
  ;; byte pointer to f64 slots [lMax, nMax, ldc, a, b, diag, q, ylm, radial, fields, positions, channels, atoms,
  ;; translations, translationsEnd, dims, vectors, duals, imageRange, includeCenter, y00, nHarm, d (3 slots)], then
  ;; per field [knots, spacing, lastKnot, rangeEnd, coeffs, sums] (sums −1: no multipoles); pointers are byte pointers,
  ;; channels an i32 array; translations as latticeTranslations lays them out, to translationsEnd; dims lattice
  ;; vectors and their duals (0 for a finite structure); imageRange the tables' range for a periodic structure (images
  ;; at or beyond it are the far field's), +∞ for a finite one.

  ;; One neighbour of a centre: its harmonics, then for every field expandPair below the field's table end, or
  ;; addMultipole beyond it (the potential; the density ends there). (x, y, z): the displacement, d its length;
  ;; sumsAt, coeffsAt: element offsets of the neighbour's species in a field's multipole sums and of its channel in
  ;; the coefficients.
  (func $neighbour (param $context i32) (param $x f64) (param $y f64) (param $z f64) (param $d f64)
    (param $sumsAt i32) (param $coeffsAt i32)
    (local $lMax i32) (local $ylm i32) (local $field i32) (local $end i32) (local $sums i32)
    (local.set $lMax (i32.trunc_f64_s (f64.load (local.get $context))))
    (local.set $ylm (i32.trunc_f64_s (f64.load offset=56 (local.get $context))))
    (call $harmonics (local.get $lMax) (local.get $x) (local.get $y) (local.get $z)
      (i32.trunc_f64_s (f64.load offset=24 (local.get $context)))
      (i32.trunc_f64_s (f64.load offset=32 (local.get $context)))
      (i32.trunc_f64_s (f64.load offset=40 (local.get $context)))
      (i32.trunc_f64_s (f64.load offset=48 (local.get $context)))
      (local.get $ylm))
    (local.set $field (i32.add (local.get $context) (i32.const 200)))
    (local.set $end (i32.add (local.get $field)
      (i32.mul (i32.trunc_f64_s (f64.load offset=72 (local.get $context))) (i32.const 48))))
    (loop $fields
      (if (f64.ge (local.get $d) (f64.load offset=24 (local.get $field)))
        (then
          (local.set $sums (i32.trunc_f64_s (f64.load offset=40 (local.get $field))))
          (if (i32.ge_s (local.get $sums) (i32.const 0))
            (then (call $addMultipole (i32.add (local.get $sums) (i32.shl (local.get $sumsAt) (i32.const 3)))
              (local.get $lMax) (local.get $d) (local.get $ylm)))))
        (else
          (call $expandPair
            (i32.trunc_f64_s (f64.load (local.get $field)))
            (f64.load offset=8 (local.get $field))
            (i32.trunc_f64_s (f64.load offset=16 (local.get $field)))
            (local.get $d)
            (i32.trunc_f64_s (f64.load offset=8 (local.get $context)))
            (local.get $lMax)
            (local.get $ylm)
            (i32.add (i32.trunc_f64_s (f64.load offset=32 (local.get $field)))
              (i32.shl (local.get $coeffsAt) (i32.const 3)))
            (i32.trunc_f64_s (f64.load offset=16 (local.get $context)))
            (i32.trunc_f64_s (f64.load offset=64 (local.get $context))))))
      (local.set $field (i32.add (local.get $field) (i32.const 48)))
      (br_if $fields (i32.lt_u (local.get $field) (local.get $end)))))

  ;; The centre's own term (d = 0, includeCenter) for every field: only l = 0 survives (Y_00 constant),
  ;; c[coeffsAt + n] += F_n0(0)·Y_00.
  (func $selfTerm (param $context i32) (param $coeffsAt i32)
    (local $nMax i32) (local $radial i32) (local $y00 f64) (local $field i32) (local $end i32) (local $out i32)
    (local $r i32) (local $rowEnd i32)
    (local.set $nMax (i32.trunc_f64_s (f64.load offset=8 (local.get $context))))
    (local.set $radial (i32.trunc_f64_s (f64.load offset=64 (local.get $context))))
    (local.set $y00 (f64.load offset=160 (local.get $context)))
    (local.set $field (i32.add (local.get $context) (i32.const 200)))
    (local.set $end (i32.add (local.get $field)
      (i32.mul (i32.trunc_f64_s (f64.load offset=72 (local.get $context))) (i32.const 48))))
    (loop $fields
      (call $radialValues
        (i32.trunc_f64_s (f64.load (local.get $field)))
        (f64.load offset=8 (local.get $field))
        (i32.trunc_f64_s (f64.load offset=16 (local.get $field)))
        (f64.const 0)
        (i32.mul (local.get $nMax) (i32.add (i32.trunc_f64_s (f64.load (local.get $context))) (i32.const 1)))
        (local.get $radial))
      (local.set $out (i32.add (i32.trunc_f64_s (f64.load offset=32 (local.get $field)))
        (i32.shl (local.get $coeffsAt) (i32.const 3))))
      (local.set $rowEnd (i32.add (local.get $out) (i32.shl (local.get $nMax) (i32.const 3))))
      (local.set $r (local.get $radial))
      (loop $values
        (f64.store (local.get $out)
          (f64.add (f64.load (local.get $out)) (f64.mul (f64.load (local.get $r)) (local.get $y00))))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (local.set $r (i32.add (local.get $r) (i32.const 8)))
        (br_if $values (i32.lt_u (local.get $out) (local.get $rowEnd))))
      (local.set $field (i32.add (local.get $field) (i32.const 48)))
      (br_if $fields (i32.lt_u (local.get $field) (local.get $end)))))

  ;; Every atom j's images around centre i, in expandStructure's order: d0 = r_j − r_i reduced into the cell
  ;; ($reduce), then the translations T by length until |T| ≥ imageRange + |d0|; an image d0 + T at d ≥ imageRange is
  ;; skipped, the centre itself (j = i, d = 0) adds its own term if includeCenter, any other is a $neighbour.
  ;; centreAt: element offset of the centre's coefficients.
  (func (export "expandCentre") (param $context i32) (param $i i32) (param $centreAt i32)
    (local $positions i32) (local $channels i32) (local $atoms i32) (local $translations i32) (local $tEnd i32)
    (local $t i32) (local $range f64) (local $d i32) (local $pi i32) (local $pj i32) (local $j i32) (local $reach f64)
    (local $x f64) (local $y f64) (local $z f64) (local $dist f64) (local $channel i32) (local $nMax i32)
    (local $nHarm i32) (local $coeffsAt i32) (local $dims i32) (local $vectors i32) (local $duals i32)
    (local $x0 f64) (local $y0 f64) (local $z0 f64)
    (local.set $nMax (i32.trunc_f64_s (f64.load offset=8 (local.get $context))))
    (local.set $positions (i32.trunc_f64_s (f64.load offset=80 (local.get $context))))
    (local.set $channels (i32.trunc_f64_s (f64.load offset=88 (local.get $context))))
    (local.set $atoms (i32.trunc_f64_s (f64.load offset=96 (local.get $context))))
    (local.set $translations (i32.trunc_f64_s (f64.load offset=104 (local.get $context))))
    (local.set $tEnd (i32.trunc_f64_s (f64.load offset=112 (local.get $context))))
    (local.set $range (f64.load offset=144 (local.get $context)))
    (local.set $nHarm (i32.trunc_f64_s (f64.load offset=168 (local.get $context))))
    (local.set $dims (i32.trunc_f64_s (f64.load offset=120 (local.get $context))))
    (local.set $vectors (i32.trunc_f64_s (f64.load offset=128 (local.get $context))))
    (local.set $duals (i32.trunc_f64_s (f64.load offset=136 (local.get $context))))
    (local.set $d (i32.add (local.get $context) (i32.const 176)))
    (local.set $pi (i32.add (local.get $positions) (i32.mul (local.get $i) (i32.const 24))))
    (block $atomsDone
      (loop $atoms
        (br_if $atomsDone (i32.ge_u (local.get $j) (local.get $atoms)))
        (local.set $pj (i32.add (local.get $positions) (i32.mul (local.get $j) (i32.const 24))))
        (f64.store (local.get $d) (f64.sub (f64.load (local.get $pj)) (f64.load (local.get $pi))))
        (f64.store offset=8 (local.get $d)
          (f64.sub (f64.load offset=8 (local.get $pj)) (f64.load offset=8 (local.get $pi))))
        (f64.store offset=16 (local.get $d)
          (f64.sub (f64.load offset=16 (local.get $pj)) (f64.load offset=16 (local.get $pi))))
        (call $reduce (local.get $d) (local.get $dims) (local.get $vectors) (local.get $duals))
        (local.set $x0 (f64.load (local.get $d)))
        (local.set $y0 (f64.load offset=8 (local.get $d)))
        (local.set $z0 (f64.load offset=16 (local.get $d)))
        (local.set $reach (f64.add (local.get $range) (f64.sqrt (f64.add (f64.add
          (f64.mul (local.get $x0) (local.get $x0)) (f64.mul (local.get $y0) (local.get $y0)))
          (f64.mul (local.get $z0) (local.get $z0))))))
        (local.set $channel (i32.load (i32.add (local.get $channels) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $coeffsAt (i32.add (local.get $centreAt) (i32.mul (local.get $channel) (local.get $nMax))))
        (local.set $t (local.get $translations))
        (block $translationsDone
          (loop $translations
            (br_if $translationsDone (i32.ge_u (local.get $t) (local.get $tEnd)))
            (br_if $translationsDone (f64.ge (f64.load offset=24 (local.get $t)) (local.get $reach)))
            (local.set $x (f64.add (local.get $x0) (f64.load (local.get $t))))
            (local.set $y (f64.add (local.get $y0) (f64.load offset=8 (local.get $t))))
            (local.set $z (f64.add (local.get $z0) (f64.load offset=16 (local.get $t))))
            (local.set $t (i32.add (local.get $t) (i32.const 32)))
            (local.set $dist (f64.sqrt (f64.add (f64.add
              (f64.mul (local.get $x) (local.get $x)) (f64.mul (local.get $y) (local.get $y)))
              (f64.mul (local.get $z) (local.get $z)))))
            (br_if $translations (f64.ge (local.get $dist) (local.get $range)))
            (if (i32.and (i32.eq (local.get $j) (local.get $i)) (f64.eq (local.get $dist) (f64.const 0)))
              (then
                (if (f64.ne (f64.load offset=152 (local.get $context)) (f64.const 0))
                  (then (call $selfTerm (local.get $context) (local.get $coeffsAt))))
                (br $translations)))
            (call $neighbour (local.get $context) (local.get $x) (local.get $y) (local.get $z) (local.get $dist)
              (i32.mul (local.get $channel) (local.get $nHarm)) (local.get $coeffsAt))
            (br $translations)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $atoms))))

  ;; The real-space image sums of the Ewald far field of periodic structures (addRealSpace in src/lode/ewald.ts), as its
  ;; TypeScript loops compute them, bit for bit. context: byte pointer to f64 slots [lMax, nHarm, translations,
  ;; translationsEnd, reach, nearRange, splineEnd, splineStart, spacing, lastKnot, knots, ylm, factors, nearS,
  ;; nearFactors, constants, a, b, diag, q, out, signs, ones, selfTerm] and those of ewaldPairs after them (pointers
  ;; as byte pointers; the layout is written by src/lode/ewald-simd.ts). splineEnd is 0 without a spline.

  ;; dst[k] += a[k]·b[k] for k < count (byte pointers), two at a time.
  (func $addProducts (param $dst i32) (param $a i32) (param $b i32) (param $count i32)
    (local $end i32) (local $pairsEnd i32)
    (local.set $end (i32.add (local.get $dst) (i32.shl (local.get $count) (i32.const 3))))
    (local.set $pairsEnd (i32.sub (local.get $end) (i32.and (i32.shl (local.get $count) (i32.const 3)) (i32.const 8))))
    (block $pairsDone
      (br_if $pairsDone (i32.ge_u (local.get $dst) (local.get $pairsEnd)))
      (loop $pairs
        (v128.store (local.get $dst) (f64x2.add (v128.load (local.get $dst))
          (f64x2.mul (v128.load (local.get $a)) (v128.load (local.get $b)))))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $b (i32.add (local.get $b) (i32.const 16)))
        (br_if $pairs (i32.lt_u (local.get $dst) (local.get $pairsEnd)))))
    (if (i32.lt_u (local.get $dst) (local.get $end))
      (then (f64.store (local.get $dst) (f64.add (f64.load (local.get $dst))
        (f64.mul (f64.load (local.get $a)) (f64.load (local.get $b))))))))

  ;; The far pairs' spline (evaluateSpline in src/lode/ewald-radials.ts): out[l] for l ≤ lMax at distance s.
  (func $splineFactors (param $s f64) (param $start f64) (param $spacing f64) (param $lastKnot f64) (param $knots i32)
    (param $lMax i32) (param $out i32)
    (local $x f64) (local $k f64) (local $t f64) (local $t2 f64) (local $t3 f64)
    (local $h00 f64) (local $h10 f64) (local $h01 f64) (local $h11 f64)
    (local $rowBytes i32) (local $p0 i32) (local $p1 i32) (local $end i32)
    (local.set $x (f64.div (f64.sub (local.get $s) (local.get $start)) (local.get $spacing)))
    (local.set $k (f64.max (f64.const 0) (f64.min (f64.floor (local.get $x)) (local.get $lastKnot))))
    (local.set $t (f64.sub (local.get $x) (local.get $k)))
    (local.set $t2 (f64.mul (local.get $t) (local.get $t)))
    (local.set $t3 (f64.mul (local.get $t2) (local.get $t)))
    (local.set $h00 (f64.add (f64.sub (f64.mul (f64.const 2) (local.get $t3)) (f64.mul (f64.const 3) (local.get $t2)))
      (f64.const 1)))
    (local.set $h10 (f64.add (f64.sub (local.get $t3) (f64.mul (f64.const 2) (local.get $t2))) (local.get $t)))
    (local.set $h01 (f64.add (f64.mul (f64.const -2) (local.get $t3)) (f64.mul (f64.const 3) (local.get $t2))))
    (local.set $h11 (f64.sub (local.get $t3) (local.get $t2)))
    ;; Knot k's (value, spacing × slope) pairs of l = 0..lMax, then knot k + 1's.
    (local.set $rowBytes (i32.shl (i32.add (local.get $lMax) (i32.const 1)) (i32.const 4)))
    (local.set $p0 (i32.add (local.get $knots) (i32.mul (i32.trunc_f64_s (local.get $k)) (local.get $rowBytes))))
    (local.set $p1 (i32.add (local.get $p0) (local.get $rowBytes)))
    (local.set $end (i32.add (local.get $out) (i32.shr_u (local.get $rowBytes) (i32.const 1))))
    (loop $degrees
      (f64.store (local.get $out) (f64.add (f64.add (f64.add
        (f64.mul (local.get $h00) (f64.load (local.get $p0)))
        (f64.mul (local.get $h10) (f64.load offset=8 (local.get $p0))))
        (f64.mul (local.get $h01) (f64.load (local.get $p1))))
        (f64.mul (local.get $h11) (f64.load offset=8 (local.get $p1)))))
      (local.set $p0 (i32.add (local.get $p0) (i32.const 16)))
      (local.set $p1 (i32.add (local.get $p1) (i32.const 16)))
      (local.set $out (i32.add (local.get $out) (i32.const 8)))
      (br_if $degrees (i32.lt_u (local.get $out) (local.get $end)))))

  ;; realSphericalHarmonicsUpTo4 (src/lode/spherical-harmonics.ts): the 25 harmonics of l ≤ 4 in closed form, with
  ;; its constants Y0, Y1, Y2A–C, Y3A–E, Y4A–G at c (byte pointer) in that order; out: byte pointer.
  (func $harmonicsUpTo4 (param $x f64) (param $y f64) (param $z f64) (param $c i32) (param $out i32)
    (local $inv f64) (local $ux f64) (local $uy f64) (local $uz f64) (local $x2 f64) (local $y2 f64) (local $z2 f64)
    (local $xy f64) (local $d f64) (local $p3 f64) (local $p4 f64) (local $q4 f64)
    (local $x2m3y2 f64) (local $m3x2y2 f64)
    (local.set $inv (f64.div (f64.const 1) (f64.sqrt (f64.add (f64.add
      (f64.mul (local.get $x) (local.get $x)) (f64.mul (local.get $y) (local.get $y)))
      (f64.mul (local.get $z) (local.get $z))))))
    (local.set $ux (f64.mul (local.get $x) (local.get $inv)))
    (local.set $uy (f64.mul (local.get $y) (local.get $inv)))
    (local.set $uz (f64.mul (local.get $z) (local.get $inv)))
    (local.set $x2 (f64.mul (local.get $ux) (local.get $ux)))
    (local.set $y2 (f64.mul (local.get $uy) (local.get $uy)))
    (local.set $z2 (f64.mul (local.get $uz) (local.get $uz)))
    (local.set $xy (f64.mul (local.get $ux) (local.get $uy)))
    (local.set $d (f64.sub (local.get $x2) (local.get $y2)))
    ;; x2 − 3·y2 and 3·x2 − y2, as the TypeScript writes them each time.
    (local.set $x2m3y2 (f64.sub (local.get $x2) (f64.mul (f64.const 3) (local.get $y2))))
    (local.set $m3x2y2 (f64.sub (f64.mul (f64.const 3) (local.get $x2)) (local.get $y2)))
    (f64.store offset=0 (local.get $out) (f64.load offset=0 (local.get $c)))
    (f64.store offset=8 (local.get $out) (f64.mul (f64.load offset=8 (local.get $c)) (local.get $uy)))
    (f64.store offset=16 (local.get $out) (f64.mul (f64.load offset=8 (local.get $c)) (local.get $uz)))
    (f64.store offset=24 (local.get $out) (f64.mul (f64.load offset=8 (local.get $c)) (local.get $ux)))
    (f64.store offset=32 (local.get $out) (f64.mul (f64.load offset=16 (local.get $c)) (local.get $xy)))
    (f64.store offset=40 (local.get $out)
      (f64.mul (f64.mul (f64.load offset=16 (local.get $c)) (local.get $uy)) (local.get $uz)))
    (f64.store offset=48 (local.get $out) (f64.mul (f64.load offset=24 (local.get $c))
      (f64.sub (f64.mul (f64.const 3) (local.get $z2)) (f64.const 1))))
    (f64.store offset=56 (local.get $out)
      (f64.mul (f64.mul (f64.load offset=16 (local.get $c)) (local.get $ux)) (local.get $uz)))
    (f64.store offset=64 (local.get $out) (f64.mul (f64.load offset=32 (local.get $c)) (local.get $d)))
    (local.set $p3 (f64.sub (f64.mul (f64.const 5) (local.get $z2)) (f64.const 1)))
    (f64.store offset=72 (local.get $out)
      (f64.mul (f64.mul (f64.load offset=40 (local.get $c)) (local.get $uy)) (local.get $m3x2y2)))
    (f64.store offset=80 (local.get $out)
      (f64.mul (f64.mul (f64.load offset=48 (local.get $c)) (local.get $xy)) (local.get $uz)))
    (f64.store offset=88 (local.get $out)
      (f64.mul (f64.mul (f64.load offset=56 (local.get $c)) (local.get $uy)) (local.get $p3)))
    (f64.store offset=96 (local.get $out)
      (f64.mul (f64.mul (f64.load offset=64 (local.get $c)) (local.get $uz))
        (f64.sub (f64.mul (f64.const 5) (local.get $z2)) (f64.const 3))))
    (f64.store offset=104 (local.get $out)
      (f64.mul (f64.mul (f64.load offset=56 (local.get $c)) (local.get $ux)) (local.get $p3)))
    (f64.store offset=112 (local.get $out)
      (f64.mul (f64.mul (f64.load offset=72 (local.get $c)) (local.get $uz)) (local.get $d)))
    (f64.store offset=120 (local.get $out)
      (f64.mul (f64.mul (f64.load offset=40 (local.get $c)) (local.get $ux)) (local.get $x2m3y2)))
    (local.set $p4 (f64.sub (f64.mul (f64.const 7) (local.get $z2)) (f64.const 1)))
    (local.set $q4 (f64.sub (f64.mul (f64.const 7) (local.get $z2)) (f64.const 3)))
    (f64.store offset=128 (local.get $out)
      (f64.mul (f64.mul (f64.load offset=80 (local.get $c)) (local.get $xy)) (local.get $d)))
    (f64.store offset=136 (local.get $out)
      (f64.mul (f64.mul (f64.mul (f64.load offset=88 (local.get $c)) (local.get $uy)) (local.get $uz))
        (local.get $m3x2y2)))
    (f64.store offset=144 (local.get $out)
      (f64.mul (f64.mul (f64.load offset=96 (local.get $c)) (local.get $xy)) (local.get $p4)))
    (f64.store offset=152 (local.get $out)
      (f64.mul (f64.mul (f64.mul (f64.load offset=104 (local.get $c)) (local.get $uy)) (local.get $uz))
        (local.get $q4)))
    (f64.store offset=160 (local.get $out) (f64.mul (f64.load offset=112 (local.get $c))
      (f64.add (f64.sub (f64.mul (f64.mul (f64.const 35) (local.get $z2)) (local.get $z2))
        (f64.mul (f64.const 30) (local.get $z2))) (f64.const 3))))
    (f64.store offset=168 (local.get $out)
      (f64.mul (f64.mul (f64.mul (f64.load offset=104 (local.get $c)) (local.get $ux)) (local.get $uz))
        (local.get $q4)))
    (f64.store offset=176 (local.get $out)
      (f64.mul (f64.mul (f64.load offset=120 (local.get $c)) (local.get $d)) (local.get $p4)))
    (f64.store offset=184 (local.get $out)
      (f64.mul (f64.mul (f64.mul (f64.load offset=88 (local.get $c)) (local.get $ux)) (local.get $uz))
        (local.get $x2m3y2)))
    (f64.store offset=192 (local.get $out) (f64.mul (f64.load offset=128 (local.get $c))
      (f64.sub (f64.mul (local.get $x2) (local.get $x2m3y2)) (f64.mul (local.get $y2) (local.get $m3x2y2))))))

  ;; The images of one displacement d = (dx, dy, dz) (sumImages in addRealSpace), by increasing lattice translation T
  ;; until |T| ≥ reach + |d|, skipping those with |d + T| ≥ reach. collect = 1: only writes the distance s of each near
  ;; image (s < nearRange, s > 0) to nearS, in order; collect = 0: writes the row of d (byte pointer `row`: nHarm sums
  ;; of f_l(s)·Y_lm(d̂ + T), then 1 if an image is the centre itself, then the count of the others), with each near
  ;; image's factors f_l at nearFactors (lMax + 1 each, in the order collected) and the far ones' from the spline.
  ;; Returns the number of near images.
  (func $images (param $context i32) (param $row i32) (param $dx f64) (param $dy f64) (param $dz f64)
    (param $collect i32) (result i32)
    (local $lMax i32) (local $nHarm i32) (local $t i32) (local $end i32) (local $reach f64) (local $limit f64)
    (local $nearRange f64) (local $splineEnd f64) (local $x f64) (local $y f64) (local $z f64) (local $s2 f64)
    (local $s f64) (local $near i32) (local $factors i32) (local $ylm i32) (local $l i32) (local $f f64)
    (local $ff v128) (local $at i32) (local $yAt i32) (local $translationsEnd i32)
    (local.set $lMax (i32.trunc_f64_s (f64.load (local.get $context))))
    (local.set $nHarm (i32.trunc_f64_s (f64.load offset=8 (local.get $context))))
    (local.set $t (i32.trunc_f64_s (f64.load offset=16 (local.get $context))))
    (local.set $translationsEnd (i32.trunc_f64_s (f64.load offset=24 (local.get $context))))
    (local.set $reach (f64.load offset=32 (local.get $context)))
    (local.set $nearRange (f64.load offset=40 (local.get $context)))
    (local.set $splineEnd (f64.load offset=48 (local.get $context)))
    (local.set $ylm (i32.trunc_f64_s (f64.load offset=88 (local.get $context))))
    (local.set $limit (f64.add (local.get $reach) (f64.sqrt (f64.add (f64.add
      (f64.mul (local.get $dx) (local.get $dx)) (f64.mul (local.get $dy) (local.get $dy)))
      (f64.mul (local.get $dz) (local.get $dz))))))
    (if (i32.eqz (local.get $collect))
      (then (memory.fill (local.get $row) (i32.const 0)
        (i32.shl (i32.add (local.get $nHarm) (i32.const 2)) (i32.const 3)))))
    (block $done
      (loop $translations
        (br_if $done (i32.ge_u (local.get $t) (local.get $translationsEnd)))
        (br_if $done (f64.ge (f64.load offset=24 (local.get $t)) (local.get $limit)))
        (local.set $x (f64.add (local.get $dx) (f64.load (local.get $t))))
        (local.set $y (f64.add (local.get $dy) (f64.load offset=8 (local.get $t))))
        (local.set $z (f64.add (local.get $dz) (f64.load offset=16 (local.get $t))))
        (local.set $t (i32.add (local.get $t) (i32.const 32)))
        (local.set $s2 (f64.add (f64.add (f64.mul (local.get $x) (local.get $x)) (f64.mul (local.get $y) (local.get $y)))
          (f64.mul (local.get $z) (local.get $z))))
        (br_if $translations (f64.ge (local.get $s2) (f64.mul (local.get $reach) (local.get $reach))))
        (if (f64.eq (local.get $s2) (f64.const 0))
          (then
            (if (i32.eqz (local.get $collect))
              (then (f64.store (i32.add (local.get $row) (i32.shl (local.get $nHarm) (i32.const 3))) (f64.const 1))))
            (br $translations)))
        (local.set $s (f64.sqrt (local.get $s2)))
        (if (f64.lt (local.get $s) (local.get $nearRange))
          (then
            (if (local.get $collect)
              (then
                (f64.store (i32.add (i32.trunc_f64_s (f64.load offset=104 (local.get $context)))
                  (i32.shl (local.get $near) (i32.const 3))) (local.get $s))
                (local.set $near (i32.add (local.get $near) (i32.const 1)))
                (br $translations)))
            (local.set $factors (i32.add (i32.trunc_f64_s (f64.load offset=112 (local.get $context)))
              (i32.shl (i32.mul (local.get $near) (i32.add (local.get $lMax) (i32.const 1))) (i32.const 3))))
            (local.set $near (i32.add (local.get $near) (i32.const 1))))
          (else
            (br_if $translations (i32.or (local.get $collect)
              (i32.eqz (f64.lt (local.get $s) (local.get $splineEnd)))))
            (local.set $factors (i32.trunc_f64_s (f64.load offset=96 (local.get $context))))
            (call $splineFactors (local.get $s)
              (f64.load offset=56 (local.get $context))
              (f64.load offset=64 (local.get $context))
              (f64.load offset=72 (local.get $context))
              (i32.trunc_f64_s (f64.load offset=80 (local.get $context)))
              (local.get $lMax)
              (local.get $factors))))
        (if (i32.le_u (local.get $lMax) (i32.const 4))
          (then (call $harmonicsUpTo4 (local.get $x) (local.get $y) (local.get $z)
            (i32.trunc_f64_s (f64.load offset=120 (local.get $context))) (local.get $ylm)))
          (else (call $harmonics (local.get $lMax) (local.get $x) (local.get $y) (local.get $z)
            (i32.trunc_f64_s (f64.load offset=128 (local.get $context)))
            (i32.trunc_f64_s (f64.load offset=136 (local.get $context)))
            (i32.trunc_f64_s (f64.load offset=144 (local.get $context)))
            (i32.trunc_f64_s (f64.load offset=152 (local.get $context)))
            (local.get $ylm))))
        ;; row[lm] += f_l·Y_lm, degree by degree: 2l pairs of orders, then the last one.
        (local.set $l (i32.const 0))
        (local.set $at (local.get $row))
        (local.set $yAt (local.get $ylm))
        (loop $degrees
          (local.set $f (f64.load (i32.add (local.get $factors) (i32.shl (local.get $l) (i32.const 3)))))
          (local.set $ff (f64x2.splat (local.get $f)))
          (local.set $end (i32.add (local.get $at) (i32.shl (local.get $l) (i32.const 4))))
          (block $pairsDone
            (br_if $pairsDone (i32.ge_u (local.get $at) (local.get $end)))
            (loop $pairs
              (v128.store (local.get $at) (f64x2.add (v128.load (local.get $at))
                (f64x2.mul (local.get $ff) (v128.load (local.get $yAt)))))
              (local.set $at (i32.add (local.get $at) (i32.const 16)))
              (local.set $yAt (i32.add (local.get $yAt) (i32.const 16)))
              (br_if $pairs (i32.lt_u (local.get $at) (local.get $end)))))
          (f64.store (local.get $at)
            (f64.add (f64.load (local.get $at)) (f64.mul (local.get $f) (f64.load (local.get $yAt)))))
          (local.set $at (i32.add (local.get $at) (i32.const 8)))
          (local.set $yAt (i32.add (local.get $yAt) (i32.const 8)))
          (local.set $l (i32.add (local.get $l) (i32.const 1)))
          (br_if $degrees (i32.le_u (local.get $l) (local.get $lMax))))
        (local.set $at (i32.add (local.get $row) (i32.shl (i32.add (local.get $nHarm) (i32.const 1)) (i32.const 3))))
        (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (f64.const 1)))
        (br $translations)))
    (local.get $near))

  ;; A pair's row (byte pointer) into out (addRealSpace's pair loop and addPairSum, bit for bit): out[base] −= selfTerm
  ;; if an image is the centre itself; then, if other images count, out[base + lm] += 1·row[lm] and, for mirror ≥ 0,
  ;; out[mirror + lm] += (−1)^l·row[lm] (base, mirror: element offsets into out).
  (func $addPair (param $context i32) (param $row i32) (param $base i32) (param $mirror i32)
    (local $nHarm i32) (local $out i32) (local $at i32)
    (local.set $nHarm (i32.trunc_f64_s (f64.load offset=8 (local.get $context))))
    (local.set $out (i32.trunc_f64_s (f64.load offset=160 (local.get $context))))
    (local.set $at (i32.add (local.get $out) (i32.shl (local.get $base) (i32.const 3))))
    (if (f64.eq (f64.load (i32.add (local.get $row) (i32.shl (local.get $nHarm) (i32.const 3)))) (f64.const 1))
      (then (f64.store (local.get $at)
        (f64.sub (f64.load (local.get $at)) (f64.load offset=184 (local.get $context))))))
    (if (f64.eq (f64.load (i32.add (local.get $row) (i32.shl (i32.add (local.get $nHarm) (i32.const 1)) (i32.const 3))))
      (f64.const 0))
      (then (return)))
    (call $addProducts (local.get $at) (i32.trunc_f64_s (f64.load offset=176 (local.get $context)))
      (local.get $row) (local.get $nHarm))
    (if (i32.ge_s (local.get $mirror) (i32.const 0))
      (then (call $addProducts (i32.add (local.get $out) (i32.shl (local.get $mirror) (i32.const 3)))
        (i32.trunc_f64_s (f64.load offset=168 (local.get $context))) (local.get $row) (local.get $nHarm)))))

  ;; reduceDisplacement (src/lode/lattice.ts), bit for bit: d (byte pointer, 3 doubles) −= n_k·a_k with n_k = Math.round
  ;; (ties towards +∞, as V8 computes it: ⌈v⌉, less 1 if ⌈v⌉ − ½ > v) of v = d·g_k, for the lattice's dims vectors a_k
  ;; and duals g_k (byte pointers, 3 doubles each).
  (func $reduce (param $d i32) (param $dims i32) (param $vectors i32) (param $duals i32)
    (local $k i32) (local $v f64) (local $n f64)
    (block $done
      (loop $vectors
        (br_if $done (i32.ge_u (local.get $k) (local.get $dims)))
        (local.set $v (f64.add (f64.add
          (f64.mul (f64.load (local.get $d)) (f64.load (local.get $duals)))
          (f64.mul (f64.load offset=8 (local.get $d)) (f64.load offset=8 (local.get $duals))))
          (f64.mul (f64.load offset=16 (local.get $d)) (f64.load offset=16 (local.get $duals)))))
        (local.set $n (f64.ceil (local.get $v)))
        (if (f64.gt (f64.sub (local.get $n) (f64.const 0.5)) (local.get $v))
          (then (local.set $n (f64.sub (local.get $n) (f64.const 1)))))
        (if (f64.ne (local.get $n) (f64.const 0))
          (then
            (f64.store (local.get $d) (f64.sub (f64.load (local.get $d))
              (f64.mul (local.get $n) (f64.load (local.get $vectors)))))
            (f64.store offset=8 (local.get $d) (f64.sub (f64.load offset=8 (local.get $d))
              (f64.mul (local.get $n) (f64.load offset=8 (local.get $vectors)))))
            (f64.store offset=16 (local.get $d) (f64.sub (f64.load offset=16 (local.get $d))
              (f64.mul (local.get $n) (f64.load offset=16 (local.get $vectors)))))))
        (local.set $vectors (i32.add (local.get $vectors) (i32.const 24)))
        (local.set $duals (i32.add (local.get $duals) (i32.const 24)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $vectors))))

  ;; Whether the last $rowOf made a new row (whose image sums are still to be written).
  (global $freshRow (mut i32) (i32.const 0))

  ;; MurmurHash3's 64-bit finaliser.
  (func $mix (param $k i64) (result i64)
    (local.set $k (i64.mul (i64.xor (local.get $k) (i64.shr_u (local.get $k) (i64.const 33)))
      (i64.const 0xff51afd7ed558ccd)))
    (local.set $k (i64.mul (i64.xor (local.get $k) (i64.shr_u (local.get $k) (i64.const 33)))
      (i64.const 0xc4ceb9fe1a85ec53)))
    (i64.xor (local.get $k) (i64.shr_u (local.get $k) (i64.const 33))))

  ;; The kept row of displacement d (byte pointer, 3 doubles; keys equal as f64.eq, like the TypeScript's ===): the row
  ;; index, a new one if d is new and fewer than maxRows are kept (then $freshRow is 1), or −1 (a new displacement, not
  ;; kept). An open-addressing table: index (i32 per slot: 1 + row, 0 empty; mask + 1 slots, at least twice maxRows),
  ;; keys (3 doubles per row), rowCount.
  (func $rowOf (param $context i32) (param $d i32) (result i32)
    (local $x f64) (local $y f64) (local $z f64) (local $h i64) (local $slot i32) (local $mask i32) (local $index i32)
    (local $keys i32) (local $entry i32) (local $key i32) (local $count i32)
    (local.set $x (f64.load (local.get $d)))
    (local.set $y (f64.load offset=8 (local.get $d)))
    (local.set $z (f64.load offset=16 (local.get $d)))
    (local.set $index (i32.trunc_f64_s (f64.load offset=280 (local.get $context))))
    (local.set $mask (i32.trunc_f64_s (f64.load offset=288 (local.get $context))))
    (local.set $keys (i32.trunc_f64_s (f64.load offset=296 (local.get $context))))
    ;; The keys' bits mixed by MurmurHash3's finaliser (a crystal's displacements differ in few bits).
    (local.set $h (call $mix (i64.xor (i64.reinterpret_f64 (local.get $x))
      (call $mix (i64.xor (i64.reinterpret_f64 (local.get $y))
        (i64.mul (i64.reinterpret_f64 (local.get $z)) (i64.const 0x9e3779b97f4a7c15)))))))
    (local.set $slot (i32.and (i32.wrap_i64 (local.get $h)) (local.get $mask)))
    (global.set $freshRow (i32.const 0))
    (loop $probe
      (local.set $entry (i32.load (i32.add (local.get $index) (i32.shl (local.get $slot) (i32.const 2)))))
      (if (local.get $entry)
        (then
          (local.set $key (i32.add (local.get $keys) (i32.mul (i32.sub (local.get $entry) (i32.const 1)) (i32.const 24))))
          (if (i32.and (i32.and (f64.eq (f64.load (local.get $key)) (local.get $x))
            (f64.eq (f64.load offset=8 (local.get $key)) (local.get $y)))
            (f64.eq (f64.load offset=16 (local.get $key)) (local.get $z)))
            (then (return (i32.sub (local.get $entry) (i32.const 1)))))
          (local.set $slot (i32.and (i32.add (local.get $slot) (i32.const 1)) (local.get $mask)))
          (br $probe))))
    (global.set $freshRow (i32.const 1))
    (local.set $count (i32.trunc_f64_s (f64.load offset=312 (local.get $context))))
    (if (i32.ge_u (local.get $count) (i32.trunc_f64_s (f64.load offset=304 (local.get $context))))
      (then (return (i32.const -1))))
    (i32.store (i32.add (local.get $index) (i32.shl (local.get $slot) (i32.const 2)))
      (i32.add (local.get $count) (i32.const 1)))
    (local.set $key (i32.add (local.get $keys) (i32.mul (local.get $count) (i32.const 24))))
    (f64.store (local.get $key) (local.get $x))
    (f64.store offset=8 (local.get $key) (local.get $y))
    (f64.store offset=16 (local.get $key) (local.get $z))
    (f64.store offset=312 (local.get $context) (f64.convert_i32_s (i32.add (local.get $count) (i32.const 1))))
    (local.get $count))

  ;; The pair loop of addRealSpace for centres c (from the context's c and q on) up to cEnd, bit for bit: per centre i
  ;; and source j (each pair of atoms that are both centres and sources from its lower atom index), the displacement
  ;; reduced into the cell, its row (summed by $images when new), and the row added to the multipoles ($addPair).
  ;; Returns 0 when done; or, when a new displacement has near images (their −φ_LR needs erfc and exp), the number of
  ;; them, their distances in nearS: the caller writes their factors to nearFactors and calls again, and the pair is
  ;; finished first. Context slots from 24 on: positions, centres, sources, sourceCount, isSource, centreOf, channels
  ;; (i32 arrays), speciesCount, dims, vectors, duals, index, mask, keys, maxRows, rowCount, rows, rowBytes, spare; the
  ;; loop's state c, q, pending, and the pending pair's row, base, mirror and displacement (3 slots).
  (func (export "ewaldPairs") (param $context i32) (param $cEnd i32) (result i32)
    (local $c i32) (local $q i32) (local $i i32) (local $j i32) (local $other i32) (local $row i32) (local $rowAt i32)
    (local $base i32) (local $mirror i32) (local $near i32) (local $d i32) (local $positions i32) (local $pi i32)
    (local $pj i32) (local $sourceCount i32) (local $sources i32) (local $centreOf i32) (local $channels i32)
    (local $species i32) (local $nHarm i32) (local $iIsSource i32)
    (local.set $d (i32.add (local.get $context) (i32.const 392)))
    (local.set $c (i32.trunc_f64_s (f64.load offset=344 (local.get $context))))
    (local.set $q (i32.trunc_f64_s (f64.load offset=352 (local.get $context))))
    ;; A pair left for its near images' factors: its images, then the pair itself.
    (if (f64.ne (f64.load offset=360 (local.get $context)) (f64.const 0))
      (then
        (local.set $rowAt (i32.trunc_f64_s (f64.load offset=368 (local.get $context))))
        (drop (call $images (local.get $context) (local.get $rowAt) (f64.load (local.get $d))
          (f64.load offset=8 (local.get $d)) (f64.load offset=16 (local.get $d)) (i32.const 0)))
        (call $addPair (local.get $context) (local.get $rowAt)
          (i32.trunc_f64_s (f64.load offset=376 (local.get $context)))
          (i32.trunc_f64_s (f64.load offset=384 (local.get $context))))
        (f64.store offset=360 (local.get $context) (f64.const 0))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))))
    (local.set $nHarm (i32.trunc_f64_s (f64.load offset=8 (local.get $context))))
    (local.set $positions (i32.trunc_f64_s (f64.load offset=192 (local.get $context))))
    (local.set $sources (i32.trunc_f64_s (f64.load offset=208 (local.get $context))))
    (local.set $sourceCount (i32.trunc_f64_s (f64.load offset=216 (local.get $context))))
    (local.set $centreOf (i32.trunc_f64_s (f64.load offset=232 (local.get $context))))
    (local.set $channels (i32.trunc_f64_s (f64.load offset=240 (local.get $context))))
    (local.set $species (i32.trunc_f64_s (f64.load offset=248 (local.get $context))))
    (block $centresDone
      (loop $centres
        (br_if $centresDone (i32.ge_s (local.get $c) (local.get $cEnd)))
        (local.set $i (i32.load (i32.add (i32.trunc_f64_s (f64.load offset=200 (local.get $context)))
          (i32.shl (local.get $c) (i32.const 2)))))
        (local.set $iIsSource (i32.load (i32.add (i32.trunc_f64_s (f64.load offset=224 (local.get $context)))
          (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $pi (i32.add (local.get $positions) (i32.mul (local.get $i) (i32.const 24))))
        (block $sourcesDone
          (loop $sources
            (br_if $sourcesDone (i32.ge_s (local.get $q) (local.get $sourceCount)))
            (local.set $j (i32.load (i32.add (local.get $sources) (i32.shl (local.get $q) (i32.const 2)))))
            ;; The other end of a pair done from both ends at once (only when i is a source too), from its lower index.
            (local.set $other (select
              (i32.load (i32.add (local.get $centreOf) (i32.shl (local.get $j) (i32.const 2))))
              (i32.const -1)
              (i32.eq (local.get $iIsSource) (i32.const 1))))
            (if (i32.eqz (i32.and (i32.ge_s (local.get $other) (i32.const 0)) (i32.lt_s (local.get $j) (local.get $i))))
              (then
                (local.set $pj (i32.add (local.get $positions) (i32.mul (local.get $j) (i32.const 24))))
                (f64.store (local.get $d) (f64.sub (f64.load (local.get $pj)) (f64.load (local.get $pi))))
                (f64.store offset=8 (local.get $d)
                  (f64.sub (f64.load offset=8 (local.get $pj)) (f64.load offset=8 (local.get $pi))))
                (f64.store offset=16 (local.get $d)
                  (f64.sub (f64.load offset=16 (local.get $pj)) (f64.load offset=16 (local.get $pi))))
                (call $reduce (local.get $d)
                  (i32.trunc_f64_s (f64.load offset=256 (local.get $context)))
                  (i32.trunc_f64_s (f64.load offset=264 (local.get $context)))
                  (i32.trunc_f64_s (f64.load offset=272 (local.get $context))))
                (local.set $row (call $rowOf (local.get $context) (local.get $d)))
                (local.set $rowAt (select
                  (i32.add (i32.trunc_f64_s (f64.load offset=320 (local.get $context)))
                    (i32.mul (local.get $row) (i32.trunc_f64_s (f64.load offset=328 (local.get $context)))))
                  (i32.trunc_f64_s (f64.load offset=336 (local.get $context)))
                  (i32.ge_s (local.get $row) (i32.const 0))))
                (local.set $base (i32.mul (i32.add (i32.mul (local.get $c) (local.get $species))
                  (i32.load (i32.add (local.get $channels) (i32.shl (local.get $j) (i32.const 2))))) (local.get $nHarm)))
                (local.set $mirror (select
                  (i32.mul (i32.add (i32.mul (local.get $other) (local.get $species))
                    (i32.load (i32.add (local.get $channels) (i32.shl (local.get $i) (i32.const 2))))) (local.get $nHarm))
                  (i32.const -1)
                  (i32.and (i32.ge_s (local.get $other) (i32.const 0)) (i32.ne (local.get $j) (local.get $i)))))
                (if (global.get $freshRow)
                  (then
                    (local.set $near (call $images (local.get $context) (i32.const 0) (f64.load (local.get $d))
                      (f64.load offset=8 (local.get $d)) (f64.load offset=16 (local.get $d)) (i32.const 1)))
                    (if (local.get $near)
                      (then
                        (f64.store offset=344 (local.get $context) (f64.convert_i32_s (local.get $c)))
                        (f64.store offset=352 (local.get $context) (f64.convert_i32_s (local.get $q)))
                        (f64.store offset=360 (local.get $context) (f64.const 1))
                        (f64.store offset=368 (local.get $context) (f64.convert_i32_s (local.get $rowAt)))
                        (f64.store offset=376 (local.get $context) (f64.convert_i32_s (local.get $base)))
                        (f64.store offset=384 (local.get $context) (f64.convert_i32_s (local.get $mirror)))
                        (return (local.get $near))))
                    (drop (call $images (local.get $context) (local.get $rowAt) (f64.load (local.get $d))
                      (f64.load offset=8 (local.get $d)) (f64.load offset=16 (local.get $d)) (i32.const 0)))))
                (call $addPair (local.get $context) (local.get $rowAt) (local.get $base) (local.get $mirror))))
            (local.set $q (i32.add (local.get $q) (i32.const 1)))
            (br $sources)))
        (local.set $q (i32.const 0))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $centres)))
    (f64.store offset=344 (local.get $context) (f64.convert_i32_s (local.get $c)))
    (f64.store offset=352 (local.get $context) (f64.convert_i32_s (local.get $q)))
    (i32.const 0))

  ;; The structure factors of the Ewald reciprocal sum, conj S_a(k) = Σ_{j∈a} e^{−ik·r_j} (structureFactors and
  ;; phaseRow in src/lode/ewald.ts, bit for bit): for each source in turn and each plane of waves (fixed n0, n1), the
  ;; in-plane factor p = e^{i(n0θ0 + n1θ1)} from the phase tables (cos, sin of nθ interleaved), then p·e^{i n2 θ2} for
  ;; the plane's waves two at a time, added to the real and subtracted from the imaginary sums of the source's species.
  ;; sources: per source 4 i32, the byte addresses of its rows of the three tables at n = 0 and of its species' sums
  ;; (real parts, the imaginary ones imBytes further); planes: per plane 4 i32, the byte offsets 16·n0 and 16·n1 and
  ;; the plane's first and end slot (even: a plane of odd length ends with a repeat of its last wave, a sum nobody
  ;; reads); waves: per slot an i32, the byte offset 16·n2. Every wave's (cos, sin) pair is contiguous whatever the
  ;; plane's step in n2: two 16-byte loads and two shuffles gather the cosines and the sines of a pair of waves. (Sums
  ;; over the sources in registers, waves outer, were no faster: the multiplies and adds bound it either way.)
  (func (export "structureFactors") (param $sources i32) (param $sourceCount i32) (param $planes i32)
    (param $planeCount i32) (param $waves i32) (param $imBytes i32)
    (local $sourcesEnd i32) (local $planesEnd i32) (local $plane i32) (local $row2 i32) (local $sums i32)
    (local $a0 i32) (local $a1 i32) (local $w i32) (local $wEnd i32) (local $at i32)
    (local $pr v128) (local $pi v128) (local $lo v128) (local $hi v128) (local $c v128) (local $s v128)
    (local.set $sourcesEnd (i32.add (local.get $sources) (i32.shl (local.get $sourceCount) (i32.const 4))))
    (local.set $planesEnd (i32.add (local.get $planes) (i32.shl (local.get $planeCount) (i32.const 4))))
    (block $done
      (loop $sourcesLoop
        (br_if $done (i32.ge_u (local.get $sources) (local.get $sourcesEnd)))
        (local.set $row2 (i32.load offset=8 (local.get $sources)))
        (local.set $sums (i32.load offset=12 (local.get $sources)))
        (local.set $plane (local.get $planes))
        (loop $planesLoop
          (local.set $a0 (i32.add (i32.load (local.get $sources)) (i32.load (local.get $plane))))
          (local.set $a1 (i32.add (i32.load offset=4 (local.get $sources)) (i32.load offset=4 (local.get $plane))))
          ;; pr = c0·c1 − s0·s1, pi = c0·s1 + s0·c1.
          (local.set $pr (f64x2.splat (f64.sub
            (f64.mul (f64.load (local.get $a0)) (f64.load (local.get $a1)))
            (f64.mul (f64.load offset=8 (local.get $a0)) (f64.load offset=8 (local.get $a1))))))
          (local.set $pi (f64x2.splat (f64.add
            (f64.mul (f64.load (local.get $a0)) (f64.load offset=8 (local.get $a1)))
            (f64.mul (f64.load offset=8 (local.get $a0)) (f64.load (local.get $a1))))))
          (local.set $w (i32.add (local.get $waves) (i32.shl (i32.load offset=8 (local.get $plane)) (i32.const 2))))
          (local.set $wEnd (i32.add (local.get $waves) (i32.shl (i32.load offset=12 (local.get $plane)) (i32.const 2))))
          (local.set $at (i32.add (local.get $sums) (i32.shl (i32.load offset=8 (local.get $plane)) (i32.const 3))))
          (loop $pairs
            (local.set $lo (v128.load (i32.add (local.get $row2) (i32.load (local.get $w)))))
            (local.set $hi (v128.load (i32.add (local.get $row2) (i32.load offset=4 (local.get $w)))))
            (local.set $c (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $lo) (local.get $hi)))
            (local.set $s (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $lo) (local.get $hi)))
            ;; re += pr·c − pi·s, im −= pr·s + pi·c.
            (v128.store (local.get $at) (f64x2.add (v128.load (local.get $at))
              (f64x2.sub (f64x2.mul (local.get $pr) (local.get $c)) (f64x2.mul (local.get $pi) (local.get $s)))))
            (v128.store (i32.add (local.get $at) (local.get $imBytes))
              (f64x2.sub (v128.load (i32.add (local.get $at) (local.get $imBytes)))
                (f64x2.add (f64x2.mul (local.get $pr) (local.get $s)) (f64x2.mul (local.get $pi) (local.get $c)))))
            (local.set $w (i32.add (local.get $w) (i32.const 8)))
            (local.set $at (i32.add (local.get $at) (i32.const 16)))
            (br_if $pairs (i32.lt_u (local.get $w) (local.get $wEnd))))
          (local.set $plane (i32.add (local.get $plane) (i32.const 16)))
          (br_if $planesLoop (i32.lt_u (local.get $plane) (local.get $planesEnd))))
        (local.set $sources (i32.add (local.get $sources) (i32.const 16)))
        (br $sourcesLoop))))

  ;; The far part of the exact potential's real-space sum (addRealSpace in src/lode/periodic-field-values.ts): for
  ;; points q < count (x, y, z each, from points), far[q] = Σ over the images m < imageCount (x, y, z each, from
  ;; images) with near2 ≤ s² < radius2 of the spline of erfc(αs)/s (knots: per knot its value and spacing × slope),
  ;; s² = (dx² + dy²) + dz², d = point − image, the images in order. Two points per f64x2, each lane summing its own
  ;; images; a lane's term outside [near2, radius2) is masked to +0 (which leaves a sum unchanged: it is never −0),
  ;; its knot clamped into the table. Separate multiplies and adds, as the TypeScript's. An odd count reads one point
  ;; past the last (any values) and stores only the last lane 0.
  (func (export "fieldFarSums") (param $points i32) (param $count i32) (param $images i32) (param $imageCount i32)
    (param $knots i32) (param $start f64) (param $perSpacing f64) (param $lastKnot f64) (param $near2 f64)
    (param $radius2 f64) (param $far i32)
    (local $q i32) (local $m i32) (local $imagesEnd i32) (local $ka i32) (local $kb i32)
    (local $px v128) (local $py v128) (local $pz v128) (local $dx v128) (local $dy v128) (local $dz v128)
    (local $s2 v128) (local $in v128) (local $x v128) (local $k v128) (local $t v128) (local $t2 v128) (local $t3 v128)
    (local $kInt v128) (local $lo0 v128) (local $hi0 v128) (local $lo1 v128) (local $hi1 v128) (local $sum v128)
    (local $startV v128) (local $perV v128) (local $lastV v128) (local $near2V v128) (local $radius2V v128)
    (local.set $startV (f64x2.splat (local.get $start)))
    (local.set $perV (f64x2.splat (local.get $perSpacing)))
    (local.set $lastV (f64x2.splat (local.get $lastKnot)))
    (local.set $near2V (f64x2.splat (local.get $near2)))
    (local.set $radius2V (f64x2.splat (local.get $radius2)))
    (local.set $imagesEnd (i32.add (local.get $images) (i32.mul (local.get $imageCount) (i32.const 24))))
    (block $done
      (loop $pairs
        (br_if $done (i32.ge_u (local.get $q) (local.get $count)))
        (local.set $px (f64x2.replace_lane 1 (v128.load64_splat (local.get $points))
          (f64.load offset=24 (local.get $points))))
        (local.set $py (f64x2.replace_lane 1 (v128.load64_splat offset=8 (local.get $points))
          (f64.load offset=32 (local.get $points))))
        (local.set $pz (f64x2.replace_lane 1 (v128.load64_splat offset=16 (local.get $points))
          (f64.load offset=40 (local.get $points))))
        (local.set $sum (v128.const i64x2 0 0))
        (local.set $m (local.get $images))
        (block $imagesDone
          (loop $imagesLoop
            (br_if $imagesDone (i32.ge_u (local.get $m) (local.get $imagesEnd)))
            (local.set $dx (f64x2.sub (local.get $px) (v128.load64_splat (local.get $m))))
            (local.set $dy (f64x2.sub (local.get $py) (v128.load64_splat offset=8 (local.get $m))))
            (local.set $dz (f64x2.sub (local.get $pz) (v128.load64_splat offset=16 (local.get $m))))
            (local.set $s2 (f64x2.add (f64x2.add (f64x2.mul (local.get $dx) (local.get $dx))
              (f64x2.mul (local.get $dy) (local.get $dy))) (f64x2.mul (local.get $dz) (local.get $dz))))
            (local.set $in (v128.and (f64x2.ge (local.get $s2) (local.get $near2V))
              (f64x2.lt (local.get $s2) (local.get $radius2V))))
            (if (v128.any_true (local.get $in))
              (then
                (local.set $x (f64x2.mul (f64x2.sub (f64x2.sqrt (local.get $s2)) (local.get $startV))
                  (local.get $perV)))
                (local.set $k (f64x2.max (f64x2.min (f64x2.floor (local.get $x)) (local.get $lastV))
                  (v128.const f64x2 0 0)))
                (local.set $t (f64x2.sub (local.get $x) (local.get $k)))
                (local.set $t2 (f64x2.mul (local.get $t) (local.get $t)))
                (local.set $t3 (f64x2.mul (local.get $t2) (local.get $t)))
                (local.set $kInt (i32x4.trunc_sat_f64x2_s_zero (local.get $k)))
                ;; Knots k and k + 1 of each lane: (value, slope) pairs 16 bytes apart.
                (local.set $kb (i32.add (local.get $knots) (i32.shl (i32x4.extract_lane 1 (local.get $kInt)) (i32.const 4))))
                (local.set $ka (i32.add (local.get $knots) (i32.shl (i32x4.extract_lane 0 (local.get $kInt)) (i32.const 4))))
                (local.set $lo0 (v128.load (local.get $ka)))
                (local.set $hi0 (v128.load offset=16 (local.get $ka)))
                (local.set $lo1 (v128.load (local.get $kb)))
                (local.set $hi1 (v128.load offset=16 (local.get $kb)))
                ;; ((h00·v_k + h10·d_k) + h01·v_k+1) + h11·d_k+1, with h00 = (2t³ − 3t²) + 1, h10 = (t³ − 2t²) + t,
                ;; h01 = −2t³ + 3t², h11 = t³ − t².
                (local.set $sum (f64x2.add (local.get $sum) (v128.and (local.get $in)
                  (f64x2.add (f64x2.add (f64x2.add
                    (f64x2.mul
                      (f64x2.add (f64x2.sub (f64x2.mul (v128.const f64x2 2 2) (local.get $t3))
                        (f64x2.mul (v128.const f64x2 3 3) (local.get $t2))) (v128.const f64x2 1 1))
                      (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $lo0) (local.get $lo1)))
                    (f64x2.mul
                      (f64x2.add (f64x2.sub (local.get $t3) (f64x2.mul (v128.const f64x2 2 2) (local.get $t2)))
                        (local.get $t))
                      (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $lo0) (local.get $lo1))))
                    (f64x2.mul
                      (f64x2.add (f64x2.mul (v128.const f64x2 -2 -2) (local.get $t3))
                        (f64x2.mul (v128.const f64x2 3 3) (local.get $t2)))
                      (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $hi0) (local.get $hi1))))
                    (f64x2.mul (f64x2.sub (local.get $t3) (local.get $t2))
                      (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $hi0) (local.get $hi1)))))))))
            (local.set $m (i32.add (local.get $m) (i32.const 24)))
            (br $imagesLoop)))
        (f64.store (local.get $far) (f64x2.extract_lane 0 (local.get $sum)))
        (if (i32.lt_u (i32.add (local.get $q) (i32.const 1)) (local.get $count))
          (then (f64.store offset=8 (local.get $far) (f64x2.extract_lane 1 (local.get $sum)))))
        (local.set $points (i32.add (local.get $points) (i32.const 48)))
        (local.set $far (i32.add (local.get $far) (i32.const 16)))
        (local.set $q (i32.add (local.get $q) (i32.const 2)))
        (br $pairs))))
)
