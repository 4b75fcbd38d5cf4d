import { NodeShape } from '../../../lib/nodeKinds';

/** Polygon points of the shapes, in a 16 × 16 box. */
const POLYGONS: Partial<Record<NodeShape, string>> = {
  triangle: '8,1.5 15,14.5 1,14.5',
  diamond: '8,0.8 15.2,8 8,15.2 0.8,8',
  pentagon: '1.5,2 10,2 15,8 10,14 1.5,14',
  // Traffic passes through a waypoint: a chevron pointing onwards.
  chevron: '1,2 9.5,2 15,8 9.5,14 1,14 6.5,8',
  octagon: '5,1 11,1 15,5 15,11 11,15 5,15 1,11 1,5',
  hexagon: '4.5,1.5 11.5,1.5 15,8 11.5,14.5 4.5,14.5 1,8',
};

export interface NodeShapeGlyphProps {
  shape: NodeShape;
  /** Fill: the node's health colour. */
  color: string;
  /** Outline. */
  stroke: string;
  size?: number;
  title?: string;
}

/**
 * The shape that tells node kinds apart (Kiali's: workload circle, app square, Service triangle,
 * ServiceEntry diamond), filled with the node's health colour.
 */
export function NodeShapeGlyph({
  shape,
  color,
  stroke,
  size = 16,
  title,
}: NodeShapeGlyphProps) {
  const common = { fill: color, stroke, strokeWidth: 1.2 };
  let body;
  if (shape === 'circle') body = <circle cx={8} cy={8} r={6.8} {...common} />;
  else if (shape === 'dashedCircle')
    body = (
      <circle
        cx={8}
        cy={8}
        r={6.5}
        {...common}
        fill="none"
        stroke={color}
        strokeWidth={2}
        strokeDasharray="3 2"
      />
    );
  else if (shape === 'square')
    body = <rect x={1.5} y={1.5} width={13} height={13} rx={3} {...common} />;
  else if (shape === 'people')
    body = (
      <>
        <circle cx={5.5} cy={6} r={3.5} {...common} />
        <circle cx={10.5} cy={10} r={3.5} {...common} />
      </>
    );
  else body = <polygon points={POLYGONS[shape]} {...common} />;
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 16 16"
      role={title ? 'img' : undefined}
      aria-label={title}
      aria-hidden={title ? undefined : true}
      data-shape={shape}
      style={{ flexShrink: 0 }}
    >
      {title && <title>{title}</title>}
      {body}
    </svg>
  );
}
