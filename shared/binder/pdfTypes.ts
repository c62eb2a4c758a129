/**
 * The part of pdfmake's document definition the binder uses, typed here: the published typings
 * (@types/pdfmake) pull in the DOM and Node libraries, which `shared/` must not see. Plain data
 * only; the functions pdfmake also accepts (header, footer, table layouts) are typed in binderPdf.ts.
 */
export type Margins = [number, number, number, number] | [number, number] | number;

export type Content = string | Content[] | ContentNode;

export interface TableDefinition {
  readonly body: TableCell[][];
  readonly widths?: Array<number | '*' | 'auto'>;
  readonly heights?: number | number[];
  readonly headerRows?: number;
  readonly dontBreakRows?: boolean;
}

export type TableCell = Content;

export interface ContentNode {
  readonly text?: string | Content[];
  readonly stack?: Content[];
  readonly ul?: Content[];
  readonly ol?: Content[];
  readonly columns?: Content[];
  readonly columnGap?: number;
  readonly table?: TableDefinition;
  readonly svg?: string;
  readonly toc?: { readonly title?: Content; readonly numberStyle?: Readonly<Record<string, unknown>> };
  readonly layout?: string;
  readonly style?: string | string[];
  readonly margin?: Margins;
  readonly pageBreak?: 'before' | 'after';
  readonly pageOrientation?: 'portrait' | 'landscape';
  readonly tocItem?: boolean;
  readonly tocStyle?: string;
  readonly tocMargin?: Margins;
  readonly headlineLevel?: number;
  readonly unbreakable?: boolean;
  readonly bold?: boolean;
  readonly italics?: boolean;
  readonly fontSize?: number;
  readonly color?: string;
  readonly fillColor?: string;
  readonly alignment?: 'left' | 'center' | 'right' | 'justify';
  readonly width?: number | '*' | 'auto';
  readonly height?: number;
  readonly lineHeight?: number;
}
