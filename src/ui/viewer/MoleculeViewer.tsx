/**
 * The 3D view of a structure (three + @react-three/fiber): instanced atoms in element colours, bonds, the cutoff
 * sphere around each chosen centre, and orbit controls. Frames are drawn on demand (a change, the controls moving),
 * not continuously: a software renderer would otherwise take a CPU core from the feature engine. The container's
 * data-ready attribute turns true once a frame with this structure has been drawn (end-to-end tests wait for it
 * before taking screenshots).
 */
import { OrbitControls } from '@react-three/drei';
import { Canvas, useFrame, useThree, type ThreeEvent } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Color, Matrix4, Quaternion, Vector3, type InstancedMesh } from 'three';
import { bondPairs } from '../../chem/bonds.ts';
import type { Structure } from '../../chem/structure.ts';
import { atomStyle } from './atom-style.ts';
import { softwareWebGL } from './webgl-renderer.ts';

export interface MoleculeViewerProps {
  readonly structure: Structure;
  /** Atom indices whose cutoff sphere is drawn. */
  readonly centres: readonly number[];
  readonly cutoff: number;
  readonly camera: readonly [number, number, number];
  readonly target: readonly [number, number, number];
  /** Called when the user has moved the camera, once the view has come to rest (damping included). */
  readonly onCameraChange?: (camera: [number, number, number], target: [number, number, number]) => void;
  readonly label: string;
  /** Brighter lighting for a projector (presentation mode). */
  readonly bright?: boolean;
  /** Called with the index of an atom the user clicks (the pointer is a hand over atoms then). */
  readonly onAtomClick?: (atom: number) => void;
  /** More objects in the scene, in Å like the atoms (a slice through a centre). */
  readonly children?: ReactNode;
  /** Draw bonds (default true); off for a metal, where a bond to every neighbour only clutters. */
  readonly bonds?: boolean;
}

/** How long the camera must rest before its position is saved. */
const REST_MS = 250;
const BOND_RADIUS = 0.09;

function Atoms({ structure, onAtomClick }: { structure: Structure; onAtomClick?: (atom: number) => void }) {
  const mesh = useRef<InstancedMesh>(null);
  const invalidate = useThree((state) => state.invalidate);
  // The hand shown over clickable atoms must not outlive them.
  useEffect(() => () => void (document.body.style.cursor = ''), []);
  useLayoutEffect(() => {
    const m = mesh.current;
    if (!m) return;
    const matrix = new Matrix4();
    const color = new Color();
    structure.species.forEach((symbol, i) => {
      const { radius: r, color: hex } = atomStyle(symbol);
      const p = structure.positions;
      matrix.makeScale(r, r, r).setPosition(p[3 * i], p[3 * i + 1], p[3 * i + 2]);
      m.setMatrixAt(i, matrix);
      m.setColorAt(i, color.setHex(hex));
    });
    m.instanceMatrix.needsUpdate = true;
    if (m.instanceColor) m.instanceColor.needsUpdate = true;
    // Three computes the bounds it culls by once: atoms moved since (same count, same mesh) would leave them stale.
    m.computeBoundingSphere();
    invalidate();
  }, [structure, invalidate]);
  return (
    <instancedMesh
      ref={mesh}
      args={[undefined, undefined, structure.species.length]}
      key={structure.species.length}
      {...(onAtomClick && {
        onClick: (e: ThreeEvent<MouseEvent>) => {
          if (e.instanceId === undefined) return;
          e.stopPropagation();
          onAtomClick(e.instanceId);
        },
        onPointerOver: () => (document.body.style.cursor = 'pointer'),
        onPointerOut: () => (document.body.style.cursor = ''),
      })}
    >
      <sphereGeometry args={[1, 24, 16]} />
      <meshStandardMaterial roughness={0.45} />
    </instancedMesh>
  );
}

function Bonds({ structure }: { structure: Structure }) {
  const pairs = useMemo(() => bondPairs(structure), [structure]);
  const mesh = useRef<InstancedMesh>(null);
  const invalidate = useThree((state) => state.invalidate);
  useLayoutEffect(() => {
    const m = mesh.current;
    if (!m) return;
    const p = structure.positions;
    const up = new Vector3(0, 1, 0);
    pairs.forEach(([i, j], k) => {
      const a = new Vector3(p[3 * i], p[3 * i + 1], p[3 * i + 2]);
      const b = new Vector3(p[3 * j], p[3 * j + 1], p[3 * j + 2]);
      const axis = b.clone().sub(a);
      const rotation = new Quaternion().setFromUnitVectors(up, axis.clone().normalize());
      const matrix = new Matrix4().compose(
        a.add(b).multiplyScalar(0.5),
        rotation,
        new Vector3(BOND_RADIUS, axis.length(), BOND_RADIUS),
      );
      m.setMatrixAt(k, matrix);
    });
    m.instanceMatrix.needsUpdate = true;
    m.computeBoundingSphere();
    invalidate();
  }, [pairs, structure, invalidate]);
  if (pairs.length === 0) return null;
  return (
    <instancedMesh ref={mesh} args={[undefined, undefined, pairs.length]} key={pairs.length}>
      <cylinderGeometry args={[1, 1, 1, 12]} />
      <meshStandardMaterial color="#9aa0a6" roughness={0.6} />
    </instancedMesh>
  );
}

function CutoffSpheres({
  structure,
  centres,
  cutoff,
}: Pick<MoleculeViewerProps, 'structure' | 'centres' | 'cutoff'>) {
  return (
    <>
      {centres.map((i) => (
        <mesh
          key={i}
          position={[...structure.positions.subarray(3 * i, 3 * i + 3)] as [number, number, number]}
        >
          <sphereGeometry args={[cutoff, 20, 14]} />
          <meshBasicMaterial color="#f5a623" wireframe transparent opacity={0.12} />
        </mesh>
      ))}
    </>
  );
}

/** Moves the camera when the view's camera changes from outside (a link, a reset, a re-centring), not while the user orbits. */
function CameraFollower({ camera, target }: Pick<MoleculeViewerProps, 'camera' | 'target'>) {
  const three = useThree((state) => state.camera);
  const controls = useThree((state) => state.controls) as unknown as {
    target: Vector3;
    update(): void;
  } | null;
  useEffect(() => {
    const still = three.position.distanceTo(new Vector3(...camera)) < 1e-3;
    if (still && (!controls || controls.target.distanceTo(new Vector3(...target)) < 1e-3)) return;
    three.position.set(...camera);
    controls?.target.set(...target);
    controls?.update();
  }, [three, controls, camera, target]);
  return null;
}

/** Marks the container ready after a frame has been drawn with the current structure. */
function ReadySignal({ onReady, structure }: { onReady: () => void; structure: Structure }) {
  const drawn = useRef<Structure | null>(null);
  useFrame(() => {
    if (drawn.current === structure) return;
    drawn.current = structure;
    onReady();
  });
  return null;
}

/** Which colour is which element, for the elements in the structure. */
function ElementLegend({ structure }: { structure: Structure }) {
  const symbols = [...new Set(structure.species)];
  return (
    <ul className="element-legend" aria-label="Elements">
      {symbols.map((symbol) => (
        <li key={symbol}>
          <span
            className="swatch"
            style={{
              background: `#${atomStyle(symbol).color.toString(16).padStart(6, '0')}`,
            }}
          />
          {symbol}
        </li>
      ))}
    </ul>
  );
}

export function MoleculeViewer(props: MoleculeViewerProps) {
  const { structure, centres, cutoff, camera, target, onCameraChange, label, bright = false } = props;
  const { onAtomClick, children, bonds = true } = props;
  const [ready, setReady] = useState(false);
  const interacting = useRef(false);
  const rest = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(rest.current), []);
  return (
    <div
      className="viewer"
      role="img"
      aria-label={label}
      data-testid="viewer"
      data-ready={ready}
      style={{ width: '100%', height: '100%', minHeight: 320 }}
    >
      <Canvas
        frameloop="demand"
        camera={{ position: [...camera], fov: 40, near: 0.1, far: 500 }}
        gl={{ preserveDrawingBuffer: true, antialias: !softwareWebGL() }}
        dpr={[1, 2]}
      >
        <color attach="background" args={['#10151c']} />
        <ambientLight intensity={bright ? 1.1 : 0.55} />
        <directionalLight position={[5, 8, 10]} intensity={bright ? 2.4 : 1.6} />
        <Atoms structure={structure} onAtomClick={onAtomClick} />
        {bonds && <Bonds structure={structure} />}
        <CutoffSpheres structure={structure} centres={centres} cutoff={cutoff} />
        {children}
        <OrbitControls
          makeDefault
          target={[...target]}
          onStart={() => (interacting.current = true)}
          onChange={(e) => {
            const controls = e?.target as { object: { position: Vector3 }; target: Vector3 } | undefined;
            if (!controls || !onCameraChange || !interacting.current) return;
            // Damping keeps the view moving after release: save once it has rested for a moment.
            window.clearTimeout(rest.current);
            rest.current = window.setTimeout(() => {
              interacting.current = false;
              onCameraChange(controls.object.position.toArray(), controls.target.toArray());
            }, REST_MS);
          }}
        />
        <CameraFollower camera={camera} target={target} />
        <ReadySignal structure={structure} onReady={() => setReady(true)} />
      </Canvas>
      <ElementLegend structure={structure} />
    </div>
  );
}
