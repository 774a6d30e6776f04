import * as React from "react";
import { Subtitle2, makeStyles } from "@fluentui/react-components";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: "4px" },
});

/**
 * A titled part of a panel. Not a Fluent Field: a Field names every control inside it after
 * itself, and each dropdown and input here has its own label.
 */
export function Section({ title, children }: { title: string; children: React.ReactNode }): React.JSX.Element {
  const styles = useStyles();
  const id = React.useId();
  return (
    <section className={styles.section} aria-labelledby={id}>
      <Subtitle2 as="h3" id={id} style={{ margin: 0 }}>
        {title}
      </Subtitle2>
      {children}
    </section>
  );
}
