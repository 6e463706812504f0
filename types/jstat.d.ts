/**
 * jstat 1.9 ships no types. This declares only the parts Alap calls; add members here as they are needed.
 *
 * The package is CommonJS (`module.exports = jStat`), so the ES default import is the jStat object itself:
 * `import jStat from 'jstat'`. A named import (`import { jStat } ...`) is not declared because Node's ESM loader
 * cannot see the `jStat.jStat` self-reference as a named export.
 */
declare module 'jstat' {
  export interface NormalDistribution {
    /** P(X ≤ x) for X ~ N(mean, std²). Loses relative precision far in the lower tail (below about x = -8 std). */
    cdf(x: number, mean: number, std: number): number;
    /** The quantile: x such that cdf(x) = p, for p in (0, 1). */
    inv(p: number, mean: number, std: number): number;
  }

  export interface StudentTDistribution {
    /** P(T ≤ x) for Student's t with `dof` (not necessarily integer) degrees of freedom. */
    cdf(x: number, dof: number): number;
    /** The quantile: x such that cdf(x, dof) = p, for p in (0, 1). */
    inv(p: number, dof: number): number;
  }

  export interface JStat {
    normal: NormalDistribution;
    studentt: StudentTDistribution;
    /** The regularized incomplete beta function I_x(a, b), x in [0, 1]. */
    ibeta(x: number, a: number, b: number): number;
  }

  const jStat: JStat;
  export default jStat;
}
